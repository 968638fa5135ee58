import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleDatabase } from '../sample/index.js';
import { findElectronBinary } from './electron-binary.js';
import { runCli } from './fixtures/run-cli.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trellis-start-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron itself does', () => {
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toMatchObject({ found: true, path: expect.stringMatching(/^\/opt\/electron\//) });
  });
});

// Where Electron's binary exists, `start` launches it instead, which a headless test cannot drive.
describe.skipIf(findElectronBinary().found)('start without the Electron binary', () => {
  it('says why in one line, then serves the database in the browser', async () => {
    const database = join(root, 'tracker');
    await createSampleDatabase(database, { tasks: 20 });
    const run = runCli('start', [database], { TRELLIS_DATA_DIR: join(root, 'data'), ELECTRON_OVERRIDE_DIST_PATH: '' });
    await run.line(/Trellis is serving .* at http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+\n/);
    await run.line(/Press Ctrl\+C to stop the server\.\n/);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    // TRELLIS_NO_OPEN=1 (the test runner sets it): nothing opens, and the line must not say it does.
    expect(lines[0]).toBe("Electron's binary is not installed (its download failed at install time); serving Trellis to a browser instead: open the address below.");
    expect(lines[2]).toBe('Press Ctrl+C to stop the server.');
    run.child.kill('SIGTERM');
    expect(await run.exited()).toBe(0);
  });
});
