/**
 * Issue 8, item 2 through the contract: text with a lone UTF-16 surrogate
 * (JSON's `"\ud800"` escape parses to one) is refused by every method that
 * writes, checks or looks up text, with the engine's answer (VALIDATION at the
 * string's path, or INVALID_KEY), never INTERNAL, and nothing is written.
 * Well-formed edge text still round-trips exactly.
 */
import { describe, expect, it } from 'vitest';
import { failure, startHost } from '../fixtures/host-harness.js';
import { JOINED, USER_COUNT } from '../fixtures/sample-database.js';

const LONE = /text holds a lone UTF-16 surrogate \(U\+D[89A-F][0-9A-F]{2} at position \d+\); only well-formed Unicode can be stored/;

describe('lone surrogates over the contract', () => {
  it('records.insert, records.put and records.validate answer VALIDATION at the path; nothing is written', async () => {
    const { client } = await startHost();
    for (const email of ['\ud800xyz', '\udbffxyz']) {
      const value = { name: 'Mallory', email, joined: JOINED };
      for (const call of [() => client.call('records.insert', { tree: 'users', value }), () => client.call('records.put', { tree: 'users', key: 2, value })]) {
        const error = await failure(call());
        expect(error.code).toBe('VALIDATION');
        expect(error.payload.issues).toEqual([{ path: '/email', message: expect.stringMatching(LONE) as unknown }]);
      }
      const checked = await client.call('records.validate', { tree: 'users', value });
      expect(checked.issues).toEqual([{ path: '/email', message: expect.stringMatching(LONE) as unknown }]);
    }
    const page = await client.call('records.page', { tree: 'users', limit: 100 });
    expect(page.count).toBe(USER_COUNT);
    expect(page.entries.find((e) => e.key === 2)?.value).toEqual({ name: 'user02', joined: JOINED });
    // A composite key made of the value's fields: the field is reported, not "the value implies the key".
    const toy = await failure(client.call('records.insert', { tree: 'toys', value: { owner: 1, name: 'b\udc00', squeaks: true } }));
    expect(toy.code).toBe('VALIDATION');
    expect(toy.payload.issues).toEqual([{ path: '/name', message: expect.stringMatching(LONE) as unknown }]);
  });

  it('keys and lookups holding one answer INVALID_KEY, not INTERNAL', async () => {
    const { client } = await startHost();
    const calls = [
      () => client.call('records.get', { tree: 'toys', key: [1, 'b\ud800'] }),
      () => client.call('records.position', { tree: 'toys', key: [1, '\udfff'] }),
      () => client.call('records.page', { tree: 'toys', limit: 10, prefix: [1, '\ud800'] }),
      () => client.call('records.page', { tree: 'toys', limit: 10, start: [1, 'a\ud800'] }),
      () => client.call('records.delete', { tree: 'toys', key: [1, '\ud800'] }),
      () => client.call('records.put', { tree: 'toys', key: [1, '\ud800'], value: { owner: 1, name: 'ball', squeaks: true } }),
      () => client.call('index.lookup', { tree: 'users', index: 'byEmail', limit: 10, equals: '\ud800xyz' }),
      () => client.call('index.lookup', { tree: 'users', index: 'byName', limit: 10, prefix: 'user\udbff' }),
    ];
    for (const call of calls) {
      const error = await failure(call());
      expect(error.code).toBe('INVALID_KEY');
      expect(error.message).toMatch(LONE);
    }
    expect((await client.call('records.page', { tree: 'toys', limit: 10 })).count).toBe(3);
  });

  it('stores well-formed edge text exactly and finds it by index and key', async () => {
    const { client } = await startHost();
    const email = '😀\u{10FFFF}\uffff\u0000@example.com';
    const { entry } = await client.call('records.insert', { tree: 'users', value: { name: '\u0000😀', email, joined: JOINED } });
    expect((await client.call('records.get', { tree: 'users', key: entry.key })).entry?.value).toEqual({ name: '\u0000😀', email, joined: JOINED });
    const found = await client.call('index.lookup', { tree: 'users', index: 'byEmail', limit: 10, equals: email });
    expect(found.hits.map((hit) => hit.entry.key)).toEqual([entry.key]);
    await client.call('records.insert', { tree: 'toys', value: { owner: 1, name: '\u{10FFFF}\u0000', squeaks: true } });
    expect((await client.call('records.get', { tree: 'toys', key: [1, '\u{10FFFF}\u0000'] })).entry?.value).toEqual({ owner: 1, name: '\u{10FFFF}\u0000', squeaks: true });
  });
});
