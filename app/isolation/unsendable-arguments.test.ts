/**
 * Arguments the engine process's channel cannot carry (nested 10,000 deep:
 * its serializer overflows the stack; a function: it cannot be cloned) are
 * answered BAD_REQUEST, as the in-process host answers them: `handle`
 * rejected with the serializer's RangeError, which it never may. Found by the
 * fuzz suite (app/host/fuzz).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeNotesDatabase } from './fixtures/damaged-database.js';
import { createIsolatedHost } from './isolated-host.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { name: value };
  return value;
}

describe('a host with its engine in another process', () => {
  it('answers arguments its channel cannot carry with BAD_REQUEST, and goes on answering', { timeout: 120_000 }, async () => {
    const made = await makeNotesDatabase();
    cleanups.push(made.remove);
    const host = await createIsolatedHost({ path: made.path, log: () => undefined });
    cleanups.push(() => host.close());
    for (const args of [{ tree: 'notes', value: deep(10_000) }, { tree: 'notes', value: () => 1 }]) {
      const answer = await host.handle('records.validate', args);
      expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await host.handle('database.info', {})).toMatchObject({ ok: true });
  });
});
