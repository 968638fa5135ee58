import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleDatabase } from '../sample/index.js';
import { makeImmutable, makeMutable } from './fixtures/immutable.js';
import { runCli } from './fixtures/run-cli.js';
import { STOP_HINT } from './web-session.js';

let root: string;
let database: string;
const env = () => ({ TRELLIS_DATA_DIR: join(root, 'data') });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-serve-'));
  database = join(root, 'tracker');
  await createSampleDatabase(database, { tasks: 30 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serve', () => {
  it('prints one line with the URL, serves it, and closes cleanly on SIGTERM', async () => {
    const run = runCli('serve', [database, '--no-open'], env());
    const [line, port, token] = await run.line(/^Trellis is serving (?:.+) at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)\n/);
    expect(line).toBe(`Trellis is serving ${database} at http://127.0.0.1:${port}/?token=${token}\n`);
    const response = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    run.child.kill('SIGTERM');
    expect(await run.exited()).toBe(0);
    expect(run.stdout()).toBe(`${line}${STOP_HINT}\n`);
  });

  it('takes a relative path from where the user ran npm (INIT_CWD)', async () => {
    const run = runCli('serve', ['tracker', '--read-only'], { ...env(), INIT_CWD: root });
    await run.line(new RegExp(`^Trellis is serving ${database.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(read-only\\) at `));
    run.child.kill('SIGINT');
    expect(await run.exited()).toBe(0);
  });

  it('prints its usage for --help and exits 0 without opening anything', async () => {
    const run = runCli('serve', ['--help'], env());
    expect(await run.exited()).toBe(0);
    expect(run.stdout()).toMatch(/^usage: npm run serve -- PATH .*\n\nServes the Trellis browser UI/);
    expect(run.stderr()).toBe('');
  });

  it('exits 2 with a one-line usage error when the path is missing', async () => {
    const run = runCli('serve', ['--no-open'], env());
    expect(await run.exited()).toBe(2);
    expect(run.stderr()).toMatch(/^trellis serve: no database path given \(usage: npm run serve -- PATH .*\)\n$/);
    expect(run.stdout()).toBe('');
  });

  it('exits 1 with a one-line error for a folder that is not a Trellis database', async () => {
    const folder = join(root, 'photos');
    mkdirSync(folder);
    writeFileSync(join(folder, 'cat.jpg'), 'not a database');
    const run = runCli('serve', [folder], env());
    expect(await run.exited()).toBe(1);
    expect(run.stderr()).toBe(`trellis serve: ${folder} is not a Trellis database: the folder holds other files and no data.mdb\n`);
  });

  it('exits 1 with a one-line error, not a crash, for a database whose folder LMDB may not write (chattr +i, no lock.mdb)', async (context) => {
    const folder = join(root, 'immutable');
    mkdirSync(folder);
    cpSync(join(database, 'data.mdb'), join(folder, 'data.mdb'));
    const cannot = makeImmutable(folder);
    if (cannot) {
      console.info(`skipped: ${cannot}`);
      context.skip();
    }
    try {
      const run = runCli('serve', [folder], env());
      expect(await run.exited()).toBe(1);
      expect(run.stderr()).toMatch(new RegExp(`^trellis serve: cannot open ${folder}: ${join(folder, 'lock.mdb')} cannot be created: operation not permitted .*\\n$`));
    } finally {
      makeMutable(folder);
    }
  });
});
