/**
 * A delete refused with REFERENCED writes nothing, even when the record that
 * refuses lies deep in the cascade: the cascades before it used to stay when
 * the transaction's body caught the error and went on (found by the fuzz
 * suite). And a later delete in that transaction still sees every reference.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, ReferencedError, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const owners = tree('owners', { key: autoIncrement(), value: t.object({ name: t.string() }) });
/** Go with their owner. */
const boxes = tree('boxes', { key: autoIncrement(), value: t.object({ owner: t.ref(owners, { onDelete: 'cascade' }), label: t.string() }) });
/** Keep their box (and so its owner) from being deleted. */
const locks = tree('locks', { key: autoIncrement(), value: t.object({ box: t.ref(boxes) }) });
const appSchema = schema(owners, boxes, locks);

describe.each(backends)('a refused delete inside a transaction ($name)', (backend) => {
  it('leaves nothing behind when the body catches the refusal and commits', async () => {
    const db = await backend.open(appSchema);
    const owner = await db.owners.insert({ name: 'o' });
    // Boxes in key order: the first two would cascade before the third is found locked.
    const boxKeys = [];
    for (const label of ['a', 'b', 'c']) boxKeys.push(await db.boxes.insert({ owner, label }));
    const lock = await db.locks.insert({ box: boxKeys[2]! });
    const before = { owners: [...db.owners.range()], boxes: [...db.boxes.range()], revision: db.revision() };

    let refused: unknown;
    await db.transaction((tx) => {
      try {
        tx.owners.delete(owner);
      } catch (error) {
        refused = error;
      }
    });
    expect(refused).toBeInstanceOf(ReferencedError);
    expect((refused as ReferencedError).holders).toEqual([{ tree: 'locks', path: 'box', key: lock }]);
    expect({ owners: [...db.owners.range()], boxes: [...db.boxes.range()], revision: db.revision() }).toEqual(before);
    expect((await db.opaque.verify()).problems).toEqual([]);
  });

  it('a later delete in the same transaction is still refused by a record that refers to it', async () => {
    const db = await backend.open(appSchema);
    const owner = await db.owners.insert({ name: 'o' });
    const box = await db.boxes.insert({ owner, label: 'a' });
    await db.locks.insert({ box });
    const codes: string[] = [];
    await db.transaction((tx) => {
      for (let i = 0; i < 2; i++) {
        try {
          tx.owners.delete(owner);
        } catch (error) {
          codes.push((error as ReferencedError).code);
        }
      }
      try {
        tx.boxes.delete(box);
      } catch (error) {
        codes.push((error as ReferencedError).code);
      }
    });
    expect(codes).toEqual(['REFERENCED', 'REFERENCED', 'REFERENCED']);
    expect(db.boxes.get(box)).toEqual({ owner, label: 'a' });
    expect((await db.opaque.verify()).problems).toEqual([]);
  });
});
