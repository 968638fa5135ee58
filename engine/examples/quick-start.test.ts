/**
 * Runs the engine quick start exactly as written (the file engine/README.md
 * shows), against a real LMDB database in a temp folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { main } from './quick-start.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('runs the quick start: auto ids, an index, a reference, a composite key, a cascade', async () => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-quick-start-'));
  const result = await main(join(dir, 'pets-db'));
  expect(result.alice).toBe(1);
  expect(result.ball).toEqual([result.rex, 'ball']);
  expect(result.found?.value.name).toBe('Alice');
  expect(result.found?.value.joined).toBeInstanceOf(Date);
  expect(result.alicesPets).toEqual(['Rex']);
  expect(result.whoPointsAtRex).toEqual([{ tree: 'toys', path: 'pet', key: [result.rex, 'ball'] }]);
  expect(result.afterDelete).toEqual({ pets: 0, toys: false });
});

it('is the code the README shows', () => {
  const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
  const shown = /<!-- quick-start:begin -->\n```ts\n([\s\S]*?)```\n<!-- quick-start:end -->/.exec(readme)?.[1];
  expect(shown).toBe(readFileSync(join(import.meta.dirname, 'quick-start.ts'), 'utf8'));
});
