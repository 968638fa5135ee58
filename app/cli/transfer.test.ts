/**
 * `npm run export` and `npm run import` as a user runs them: child processes
 * on a real database, round trip byte for byte, and a refused file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@trellis/engine';
import { createSampleDatabase } from '../sample/index.js';
import { runCli } from './fixtures/run-cli.js';

let root: string;
let database: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-transfer-cli-'));
  database = join(root, 'tracker');
  await createSampleDatabase(database, { tasks: 40 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(entry: 'export' | 'import', ...args: string[]) {
  const cli = runCli(entry, args, {});
  const code = await cli.exited(60_000);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

// Each case spawns node + tsx (a few seconds each on a loaded 2-core machine).
describe('npm run export / import', { timeout: 120_000 }, () => {
  it('round-trips a database into a new path: integrity clean, the second export byte-identical', async () => {
    const first = await run('export', database);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^exported \d+ records in [\d.]+ s\n$/);
    const file = join(root, 'tracker.ndjson');
    writeFileSync(file, first.stdout);
    const copy = join(root, 'copy');
    const imported = await run('import', copy, file);
    expect(imported.stderr).toMatch(/^imported \d+ records into .*copy in [\d.]+ s\n$/);
    expect(imported.code).toBe(0);
    const db = await openDatabase(copy, { readOnly: true });
    try {
      expect((await db.verify()).ok).toBe(true);
    } finally {
      await db.close();
    }
    const second = await run('export', copy);
    expect(second.stdout).toBe(first.stdout);
  });

  it('exports the trees named; reads a file that starts with npm’s banner', async () => {
    const only = await run('export', database, '--tree', 'users');
    const trees = only.stdout.split('\n').slice(1, -2).map((line) => (JSON.parse(line) as { tree: string }).tree);
    expect(new Set(trees)).toEqual(new Set(['users']));
    const file = join(root, 'users.ndjson');
    writeFileSync(file, `\n> trellis@0.1.0 export\n> npm run build --silent && node app/dist/cli/export.js ${database}\n\n${only.stdout}`);
    const copy = join(root, 'users-copy');
    expect((await run('import', copy, file)).code).toBe(0);
    expect((await run('export', copy)).stdout).toBe(only.stdout);
  });

  it('refuses a bad file naming its line and path, exits 1, and leaves no database behind', async () => {
    const lines = (await run('export', database, '--tree', 'users')).stdout.split('\n');
    lines[2] = lines[2]!.replace(/"name":"[^"]*"/, '"name":42');
    const file = join(root, 'bad.ndjson');
    writeFileSync(file, lines.join('\n'));
    const copy = join(root, 'bad-copy');
    const result = await run('import', copy, file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:3 /value/name: `);
    expect(result.stderr).toMatch(/refused: 1 problem found before anything was written\n$/);
    expect(existsSync(copy)).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('"name":42');
  });

  it('refuses a file into a database whose trees differ', async () => {
    const other = join(root, 'other');
    writeFileSync(join(root, 'words.ndjson'), '{"trellis":"export","format":1,"trees":{"users":{"name":"users","key":{"kind":"auto"},"keySchema":{"type":"integer"},"value":{"type":"object"},"indexes":[],"references":[]}},"counters":{}}\n{"trellis":"end","records":0}\n');
    await createSampleDatabase(other, { tasks: 1 });
    const result = await run('import', other, join(root, 'words.ndjson'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(':1 /trees/users: the database’s tree \'users\' is declared differently');
  });
});
