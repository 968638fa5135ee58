/**
 * A tree or index never written has no LMDB sub-database yet. When a write
 * opened it first, inside its transaction, LMDB kept the new handle private to
 * that transaction until the commit (which lmdb-js finishes on its own thread),
 * and a read in between failed with lmdb-js's bare "Invalid argument": the host
 * answered INTERNAL to an `index.lookup` sent beside the first `records.insert`
 * of a tree (fuzz, contract seed 20261403025). The window is a few microseconds,
 * too short to hit at will, so this test checks what closes it: every store is
 * opened before the first write transaction, none inside one.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree } from '../index.js';
import { tempDir } from '../testing/contract-backends.js';
import { openEngine } from './open.js';

const blobs = tree('blobs', {
  key: autoIncrement(),
  value: t.object({ size: t.number(), note: t.string() }),
  indexes: { bySize: { on: 'size' }, byNote: { on: 'note', unique: true } },
});
const notes = tree('notes', { key: autoIncrement(), value: t.object({ text: t.string(), blob: t.ref(blobs) }), indexes: { byText: { on: 'text' } } });

describe('the first write of a tree', () => {
  it('opens no store inside its transaction, and reads after it see it', async () => {
    const path = tempDir();
    await (await open(path, schema(blobs, notes))).close();
    const engine = await openEngine(path, undefined);
    const backend = engine.backend;
    const opened = new Set<string>();
    const openedInside: string[] = [];
    let inside = false;
    const store = backend.store.bind(backend);
    const transaction = backend.transaction.bind(backend);
    backend.store = (name, options) => {
      if (!opened.has(name) && inside) openedInside.push(name);
      opened.add(name);
      return store(name, options);
    };
    backend.transaction = (body) =>
      transaction(() => {
        inside = true;
        try {
          return body();
        } finally {
          inside = false;
        }
      });
    try {
      const blob = await engine.transaction((context) => context.insert(engine.model('blobs'), { size: 3, note: 'first' }, 'json'));
      await engine.transaction((context) => context.insert(engine.model('notes'), { text: 'a note', blob }, 'json'));
      expect(openedInside).toEqual([]);
      expect([...opened].sort()).toEqual(expect.arrayContaining(['i/blobs/byNote', 'i/blobs/bySize', 'i/notes/byText', 't/blobs', 't/notes']));
      expect([...engine.records(engine.model('notes')).keys({})]).toHaveLength(1);
    } finally {
      await engine.close();
    }
  });
});
