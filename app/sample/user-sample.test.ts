import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCreatedSample, openOrCreateSample } from './user-sample.js';

const dir = mkdtempSync(join(tmpdir(), 'trellis-sample-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openOrCreateSample', () => {
  it('creates the sample on first use, then finds it', async () => {
    const first = await openOrCreateSample(dir, { tasks: 20 });
    expect(first.path).toBe(join(dir, 'sample-db'));
    expect(first.created?.counts['tasks']).toBe(20);
    expect(describeCreatedSample(first.created!)).toMatch(/^Created the sample database \(\d+ records\) at .*sample-db in \d+\.\d s\.$/);
    expect(readdirSync(dir)).toEqual(['sample-db']); // the scratch folder was renamed into place

    const second = await openOrCreateSample(dir, { tasks: 20 });
    expect(second).toEqual({ path: join(dir, 'sample-db') });
    expect(existsSync(join(second.path, 'data.mdb'))).toBe(true);
  });
});
