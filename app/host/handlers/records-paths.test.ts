/**
 * Paths across records through the host, on the sample database (users ← pets
 * with friends among pets, toys keyed by owner and name): a path's results with
 * labelled hops, INVALID_PATH and BAD_PATH with the step they name, a path
 * from each record of a block, and bounds on every answer.
 */
import { describe, expect, it } from 'vitest';
import { failure, startHost } from '../fixtures/host-harness.js';

describe('records.resolvePath', () => {
  it('follows references two records deep, answering the value and each record it went through, labelled', async () => {
    const { client, sample } = await startHost();
    const answer = await client.call('records.resolvePath', { tree: 'pets', key: sample.rex, path: 'friends[0]->owner->email' });
    expect(answer.truncated).toBe(false);
    expect(answer.matches).toEqual([
      {
        value: 'one@example.com',
        hops: [
          { tree: 'pets', key: sample.rex, text: `pets/"${sample.rex}"`, revision: expect.any(Number), label: 'Rex' },
          { tree: 'pets', key: sample.fido, text: `pets/"${sample.fido}"`, revision: expect.any(Number), label: 'Fido' },
          { tree: 'users', key: 1, text: 'users/1', revision: expect.any(Number), label: 'user01' },
        ],
      },
    ]);
    expect(answer.labels).toEqual({ [`pets/"${sample.rex}"`]: 'Rex', [`pets/"${sample.fido}"`]: 'Fido', 'users/1': 'user01' });
  });

  it('fans out over a reverse step in key order, bounded by limit, and labels what the values refer to', async () => {
    const { client } = await startHost();
    const toys = await client.call('records.resolvePath', { tree: 'users', key: 1, path: '<-toys.owner' });
    expect(toys.matches.map((m) => m.hops.at(-1)?.text)).toEqual(['toys/[1,"ball"]', 'toys/[1,"bone"]']);
    expect(toys.matches[0]!.value).toEqual({ owner: 1, name: 'ball', squeaks: true });
    expect(toys.labels?.['users/1']).toBe('user01');
    const first = await client.call('records.resolvePath', { tree: 'users', key: 1, path: '<-toys.owner->name', limit: 1 });
    expect(first).toMatchObject({ matches: [{ value: 'ball' }], truncated: true });
    // A path ending at a reference: its target's label comes along.
    const owner = await client.call('records.resolvePath', { tree: 'toys', key: [2, 'ball'], path: 'owner' });
    expect(owner).toMatchObject({ matches: [{ value: 2 }], labels: { 'users/2': 'user02' } });
  });

  it('answers INVALID_PATH with the step, its text, the character and why, before reading anything', async () => {
    const { client, sample } = await startHost();
    const error = await failure(client.call('records.resolvePath', { tree: 'pets', key: sample.rex, path: 'owner->nme' }));
    expect(error.code).toBe('INVALID_PATH');
    expect(error.payload.pathProblem).toEqual({ step: 2, text: 'nme', at: 7, reason: expect.stringContaining("did you mean 'name'") });
    const malformed = await failure(client.call('records.resolvePath', { tree: 'pets', key: sample.rex, path: 'owner->' }));
    expect(malformed.payload.pathProblem).toMatchObject({ step: 0, at: 7 });
  });

  it('answers BAD_PATH naming the step and the record it stood at when the data does not lead on', async () => {
    const { client, sample } = await startHost();
    const error = await failure(client.call('records.resolvePath', { tree: 'pets', key: sample.fido, path: 'friends[0]->name' }));
    expect(error.code).toBe('BAD_PATH');
    expect(error.payload.pathProblem).toEqual({ step: 2, text: '[0]', reason: 'the list has 0 elements: there is no [0]', record: `pets/"${sample.fido}"` });
    const missing = await failure(client.call('records.resolvePath', { tree: 'users', key: 404, path: 'name' }));
    expect(missing.payload).toMatchObject({ code: 'BAD_PATH', pathProblem: { step: 0, record: 'users/404' } });
  });

  it('refuses unbounded or hostile arguments', async () => {
    const { client } = await startHost();
    const refused = async (args: unknown) => (await failure(client.call('records.resolvePath', args as never))).code;
    expect(await refused({ tree: 'users', key: 1, path: 'name', limit: 1001 })).toBe('BAD_REQUEST');
    expect(await refused({ tree: 'users', key: 1, path: '' })).toBe('BAD_REQUEST');
    expect(await refused({ tree: 'users', key: 1, path: 'x'.repeat(4097) })).toBe('BAD_REQUEST');
    expect(await refused({ tree: 'users', key: 1, path: 'name->'.repeat(500) })).toBe('INVALID_PATH');
    expect(await refused({ tree: 'nope', key: 1, path: 'name' })).toBe('UNKNOWN_TREE');
  });
});

describe('records.resolvePaths', () => {
  it('answers one path from each record of a block; a record where the path stops says where and why', async () => {
    const { client } = await startHost();
    const answer = await client.call('records.resolvePaths', { tree: 'users', keys: [1, 2, 3, 404], path: '<-toys.owner->name' });
    expect(answer.rows.map((row) => ('stopped' in row ? row.stopped.at : row.matches.map((m) => m.value)))).toEqual([['ball', 'bone'], ['ball'], [], 'users/404']);
    expect(answer.rows[0]).toMatchObject({ truncated: false, matches: [{ hops: [{ text: 'users/1', label: 'user01' }, { text: 'toys/[1,"ball"]', label: 'ball' }] }, {}] });
    const capped = await client.call('records.resolvePaths', { tree: 'users', keys: [1], path: '<-toys.owner', limit: 1 });
    expect(capped.rows[0]).toMatchObject({ truncated: true });
  });

  it('names the step and the reason per record, and fails the whole call for a path the schema refuses', async () => {
    const { client, sample } = await startHost();
    const answer = await client.call('records.resolvePaths', { tree: 'pets', keys: [sample.rex, sample.fido], path: 'friends[0]->name' });
    expect(answer.rows[0]).toMatchObject({ matches: [{ value: 'Fido' }] });
    expect(answer.rows[1]).toEqual({ stopped: { step: 2, stepText: '[0]', at: `pets/"${sample.fido}"`, reason: 'the list has 0 elements: there is no [0]', message: expect.stringContaining('stops at step 2') } });
    expect((await failure(client.call('records.resolvePaths', { tree: 'pets', keys: [sample.rex], path: 'friends.name' }))).code).toBe('INVALID_PATH');
  });

  it('takes at most MAX_PATH_ROWS records and MAX_CELL_RESULTS results each', async () => {
    const { client } = await startHost();
    const keys = Array.from({ length: 201 }, (_, i) => i + 1);
    expect((await failure(client.call('records.resolvePaths', { tree: 'users', keys, path: 'name' }))).code).toBe('BAD_REQUEST');
    expect((await failure(client.call('records.resolvePaths', { tree: 'users', keys: [1], path: 'name', limit: 21 }))).code).toBe('BAD_REQUEST');
    expect((await failure(client.call('records.resolvePaths', { tree: 'users', keys: [], path: 'name' }))).code).toBe('BAD_REQUEST');
  });
});
