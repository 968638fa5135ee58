import { describe, expect, it } from 'vitest';
import type { ArgsOf, RawEntry } from '../../../app/contract/index.js';
import { cellText, rawColumns, rawSource } from './raw-rows.js';

const cell = (text: string, failed = false) => ({ decoder: 'msgpack' as const, text, truncated: false, failed, bytes: 4 });
const entry = (key: string): RawEntry => ({ key, keyCell: cell(`"${key}"`), valueCell: cell('{a: 1}') });

describe('the raw view rows', () => {
  it('asks raw.page by offset for a jump and by the last key after a block, with the chosen decoders', async () => {
    const asked: ArgsOf<'raw.page'>[] = [];
    const client = {
      call: async (_method: string, args: ArgsOf<'raw.page'>) => {
        asked.push(args);
        return { entries: [entry('0a'), entry('0b')], count: 7, hasMore: true };
      },
    } as never;
    const source = rawSource(client, 'users', { keyDecoder: 'hex', valueDecoder: 'json' });
    const page = await source.load(3, 2, undefined);
    await source.load(4, 2, '0b');
    expect(asked).toEqual([
      { database: 'users', limit: 2, keyDecoder: 'hex', valueDecoder: 'json', offset: 6 },
      { database: 'users', limit: 2, keyDecoder: 'hex', valueDecoder: 'json', after: '0b' },
    ]);
    expect(page).toMatchObject({ count: 7, hasMore: true, end: '0b' });
    expect(page.rows[0]).toMatchObject({ key: '0a', text: 'users/0a' });
  });

  it('marks a value the decoder could not read, and names the decoders in the headers', () => {
    expect(cellText(cell('81a3', true))).toBe('⚠ hex 81a3');
    expect(cellText(cell('{a: 1}'))).toBe('{a: 1}');
    const [key, value] = rawColumns({ keyDecoder: 'ordered-binary', valueDecoder: 'msgpack' });
    expect([key!.header, value!.header]).toEqual(['key · ordered-binary', 'value · msgpack']);
    const row = { key: '0a', text: 'users/0a', revision: 0, value: { ...entry('0a'), valueCell: cell('ff', true) } };
    expect([key!.read(row), value!.read(row)]).toEqual(['"0a"', '⚠ hex ff']);
  });
});
