/**
 * Undo through the host: records.delete lists every record it removed or
 * unlinked with its value before, and records.applyWrites puts them back in
 * one transaction, conditional on revisions, answering a conflict (and writing
 * nothing) when another writer got there first.
 */
import { describe, expect, it } from 'vitest';
import type { Transport, WrittenRecord } from '../../contract/index.js';
import { codeOf, startHost } from '../fixtures/host-harness.js';
import { JOINED } from '../fixtures/sample-database.js';

/** The writes that undo `written`: each record back as it was, if it is still as the write left it; last written first. */
function undoWrites(written: readonly WrittenRecord[]) {
  return [...written].reverse().map(({ tree, key, before, after }) => ({
    tree,
    key,
    ...(before ? { value: before.value } : {}),
    ...(after ? { expectedRevision: after.revision } : { create: true }),
  }));
}

async function everything(client: Transport) {
  const trees = ['users', 'pets', 'toys'];
  const pages = await Promise.all(trees.map((tree) => client.call('records.page', { tree, limit: 1000 })));
  return pages.map((page) => page.entries.map(({ text, value }) => ({ text, value })));
}

describe('records.delete lists what it removed', () => {
  it('names the record and its cascaded holders with their values and revisions before', async () => {
    const { client } = await startHost();
    const toy = (await client.call('records.get', { tree: 'toys', key: [2, 'ball'] })).entry!;
    const owner = (await client.call('records.get', { tree: 'users', key: 2 })).entry!;
    const answer = await client.call('records.delete', { tree: 'users', key: 2, expectedRevision: owner.revision });
    expect(answer).toEqual({
      deleted: true,
      undoable: true,
      written: [
        { tree: 'toys', key: [2, 'ball'], text: 'toys/[2,"ball"]', before: toy, after: null },
        { tree: 'users', key: 2, text: 'users/2', before: owner, after: null },
      ],
    });
  });

  it('names the holders it unlinked, before and after', async () => {
    const { client, sample } = await startHost();
    const rex = (await client.call('records.get', { tree: 'pets', key: sample.rex })).entry!;
    const { written } = await client.call('records.delete', { tree: 'pets', key: sample.fido });
    expect(written.map((w) => w.text)).toEqual([`pets/"${sample.rex}"`, `pets/"${sample.fido}"`]);
    expect(written[0]!.before).toEqual(rex);
    expect(written[0]!.after?.value).toEqual({ ...(rex.value as object), friends: [] });
  });

  it('answers deleted: false and lists nothing for a record that is not there', async () => {
    const { client } = await startHost();
    expect(await client.call('records.delete', { tree: 'users', key: 404 })).toEqual({ deleted: false, written: [], undoable: true });
  });
});

describe('records.applyWrites', () => {
  it('undoes a cascading delete atomically: the record and its holders come back with their keys and values', async () => {
    const { client, sample } = await startHost();
    const before = await everything(client);
    const del = await client.call('records.delete', { tree: 'users', key: 2 });
    const unlink = await client.call('records.delete', { tree: 'pets', key: sample.fido });
    expect(await everything(client)).not.toEqual(before);

    const undoUnlink = await client.call('records.applyWrites', { writes: undoWrites(unlink.written) });
    const undoDelete = await client.call('records.applyWrites', { writes: undoWrites(del.written) });
    expect(undoUnlink.applied && undoDelete.applied).toBe(true);
    expect(await everything(client)).toEqual(before);
    // The answer lists what the undo wrote, so it can be redone.
    if (!undoDelete.applied) return;
    expect(undoDelete.written.map((w) => [w.text, w.before, w.after?.value])).toEqual([
      ['users/2', null, { name: 'user02', joined: JOINED }],
      ['toys/[2,"ball"]', null, { owner: 2, name: 'ball', squeaks: false }],
    ]);
  });

  it('refuses the whole batch with the conflicting record when another writer changed it since', async () => {
    const { client } = await startHost();
    const first = (await client.call('records.get', { tree: 'users', key: 3 })).entry!;
    const saved = await client.call('records.put', { tree: 'users', key: 3, value: { name: 'mine', joined: JOINED }, expectedRevision: first.revision });
    const other = await client.call('records.put', { tree: 'users', key: 4, value: { name: 'other', joined: JOINED } });
    // Someone else writes user 3 after our save.
    const theirs = await client.call('records.put', { tree: 'users', key: 3, value: { name: 'theirs', joined: JOINED } });

    const answer = await client.call('records.applyWrites', {
      writes: [
        { tree: 'users', key: 4, value: { name: 'user04', joined: JOINED }, expectedRevision: other.entry.revision },
        { tree: 'users', key: 3, value: first.value, expectedRevision: saved.entry.revision },
      ],
    });
    expect(answer).toEqual({ applied: false, conflict: { tree: 'users', key: 3, text: 'users/3', expected: saved.entry.revision, current: theirs.entry } });
    // Nothing was written, not even the write before the conflicting one.
    expect((await client.call('records.get', { tree: 'users', key: 4 })).entry).toEqual(other.entry);
    expect((await client.call('records.get', { tree: 'users', key: 3 })).entry).toEqual(theirs.entry);
  });

  it('answers a record created meanwhile at a key it would restore as a conflict, and a deleted one with current null', async () => {
    const { client } = await startHost();
    const toy = (await client.call('records.get', { tree: 'toys', key: [2, 'ball'] })).entry!;
    await client.call('records.delete', { tree: 'toys', key: [2, 'ball'] });
    const again = await client.call('records.put', { tree: 'toys', key: [2, 'ball'], value: { owner: 2, name: 'ball', squeaks: true }, create: true });
    const restore = await client.call('records.applyWrites', { writes: [{ tree: 'toys', key: [2, 'ball'], value: toy.value, create: true }] });
    expect(restore).toEqual({ applied: false, conflict: { tree: 'toys', key: [2, 'ball'], text: 'toys/[2,"ball"]', expected: null, current: again.entry } });

    await client.call('records.delete', { tree: 'toys', key: [2, 'ball'] });
    const stale = await client.call('records.applyWrites', { writes: [{ tree: 'toys', key: [2, 'ball'], value: toy.value, expectedRevision: again.entry.revision }] });
    expect(stale.applied === false && stale.conflict.current).toBe(null);
  });

  it('is refused in a read-only session and for arguments past the bounds', async () => {
    const { client } = await startHost();
    await client.call('session.setReadOnly', { readOnly: true });
    expect(await codeOf(client.call('records.applyWrites', { writes: [{ tree: 'users', key: 1 }] }))).toBe('READ_ONLY_SESSION');
    expect(await codeOf(client.call('records.applyWrites', { writes: [] }))).toBe('BAD_REQUEST');
  });
});
