/**
 * What a transaction wrote, with what each record held before
 * (OpaqueTransaction.written): the browser undoes a delete from it, so every
 * record the delete removed by cascade and every holder it unlinked must be
 * there, with its value and revision, in write order.
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const owners = tree('owners', { key: autoIncrement(), value: t.object({ name: t.string() }) });
/** Go with their owner. */
const boxes = tree('boxes', { key: autoIncrement(), value: t.object({ owner: t.ref(owners, { onDelete: 'cascade' }), label: t.string() }) });
/** Go with their box, so with its owner. */
const notes = tree('notes', { key: autoIncrement(), value: t.object({ box: t.ref(boxes, { onDelete: 'cascade' }), text: t.string() }) });
/** Lose the owner but stay. */
const pets = tree('pets', { key: autoIncrement(), value: t.object({ owner: t.ref(owners, { onDelete: 'setNull' }), name: t.string() }) });
const appSchema = schema(owners, boxes, notes, pets);

describe.each(backends)('OpaqueTransaction.written ($name)', (backend) => {
  it('lists a delete’s cascades and unlinked holders before the record, each with its value and revision before', async () => {
    const db = await backend.open(appSchema);
    const owner = await db.owners.insert({ name: 'Ada' });
    const box = await db.boxes.insert({ owner, label: 'tools' });
    const note = await db.notes.insert({ box, text: 'hammer' });
    const pet = await db.pets.insert({ owner, name: 'Rex' });
    const revisionOf = (name: 'owners' | 'boxes' | 'notes' | 'pets', key: number) => db.opaque.tree(name).get(key)!.revision;
    const before = { owner: revisionOf('owners', owner), box: revisionOf('boxes', box), note: revisionOf('notes', note), pet: revisionOf('pets', pet) };

    const written = await db.opaque.transaction((tx) => {
      tx.delete('owners', owner);
      return tx.written();
    });

    const end = db.revision();
    expect(written.map(({ tree, key, kind }) => [tree, key, kind])).toEqual([
      ['notes', note, 'delete'],
      ['boxes', box, 'delete'],
      ['pets', pet, 'update'],
      ['owners', owner, 'delete'],
    ]);
    expect(written.map((w) => w.before)).toEqual([
      { key: note, value: { box, text: 'hammer' }, revision: before.note, schemaVersion: 1 },
      { key: box, value: { owner, label: 'tools' }, revision: before.box, schemaVersion: 1 },
      { key: pet, value: { owner, name: 'Rex' }, revision: before.pet, schemaVersion: 1 },
      { key: owner, value: { name: 'Ada' }, revision: before.owner, schemaVersion: 1 },
    ]);
    // The revisions the writes took, in order, ending at the database's.
    expect(written.map((w) => w.revision)).toEqual([end - 3, end - 2, end - 1, end]);
    expect(db.opaque.tree('pets').get(pet)).toEqual({ key: pet, value: { owner: null, name: 'Rex' }, revision: end - 1, schemaVersion: 1 });
  });

  it('gives an insert no `before`, and an update the value it replaced in text form', async () => {
    const db = await backend.open(schema(tree('events', { key: autoIncrement(), value: t.object({ at: t.timestamp() }) })));
    const written = await db.opaque.transaction((tx) => {
      const key = tx.insert('events', { at: '2026-01-02T03:04:05.000Z' });
      tx.put('events', key, { at: '2027-01-02T03:04:05.000Z' });
      return tx.written();
    });
    expect(written[0]).toEqual({ tree: 'events', key: 1, kind: 'insert', revision: 1 });
    expect(written[1]).toEqual({ tree: 'events', key: 1, kind: 'update', revision: 2, before: { key: 1, value: { at: '2026-01-02T03:04:05.000Z' }, revision: 1, schemaVersion: 1 } });
  });
});
