import { describe, expect, it } from 'vitest';
import type { ArgsOf, RecordEntry } from '../../../app/contract/index.js';
import { RecordLookup } from './record-lookup.js';

/** A stand-in for the host's records.get: the only call the lookup makes. */
function fakeHost(existing: Record<string, RecordEntry>) {
  const asked: string[] = [];
  const client = {
    call: async (_method: string, args: unknown) => {
      const { tree, key } = args as ArgsOf<'records.get'>;
      const text = `${tree}/${JSON.stringify(key)}`;
      asked.push(text);
      return { entry: existing[text] ?? null };
    },
  } as unknown as ConstructorParameters<typeof RecordLookup>[0];
  return { client, asked };
}

describe('RecordLookup', () => {
  it('asks once per record, knows missing ones, and forgets changed ones', async () => {
    const user: RecordEntry = { key: 1, text: 'users/1', revision: 1, value: { name: 'Ada' } };
    const { client, asked } = fakeHost({ 'users/1': user });
    const lookup = new RecordLookup(client);
    expect(lookup.state('users/1')).toBeUndefined();
    await Promise.all([lookup.get('users/1'), lookup.get('users/1')]);
    expect(await lookup.get('users/2')).toBeNull();
    expect(asked).toEqual(['users/1', 'users/2']);
    expect(lookup.state('users/1')).toBe('present');
    expect(lookup.state('users/2')).toBe('missing');
    let notified = 0;
    lookup.subscribe(() => notified++);
    lookup.forget(['users/2', 'users/9']);
    expect(lookup.state('users/2')).toBeUndefined();
    expect(notified).toBe(1);
  });
});
