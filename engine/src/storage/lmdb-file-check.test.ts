/**
 * Regression: LMDB's last-page mark may lie past the end of a sound data file
 * (pages a commit allocated that never reached the file). The open-time file
 * check must not call such a database truncated; the e2e suite's 100k-record
 * database was refused this way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { autoIncrement, open, openDatabase, schema, t, tree } from '../index.js';
import { lmdbDataFileProblem } from './lmdb-data-file.js';

const root = mkdtempSync(join(tmpdir(), 'trellis-file-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const readings = tree('readings', { key: autoIncrement(), value: t.object({ n: t.integer(), at: t.timestamp(), s: t.string() }) });

it('accepts a sound database written in large transactions, and opens it again', async () => {
  const path = join(root, 'large-transactions');
  const db = await open(path, schema(readings));
  for (let batch = 0; batch < 5; batch++) {
    await db.transaction((tx) => {
      for (let i = 0; i < 20_000; i++) tx.readings.insert({ n: i, at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)), s: 'reading' });
    });
  }
  await db.close();
  expect(lmdbDataFileProblem(join(path, 'data.mdb'))).toBeUndefined();
  const again = await openDatabase(path);
  expect(again.tree('readings').count()).toBe(100_000);
  await again.close();
}, 60_000);
