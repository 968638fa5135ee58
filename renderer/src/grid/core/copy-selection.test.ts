import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../../../../app/contract/index.js';
import { selectionText } from './copy-selection.js';
import { extendTo, selectAll, selectOne, toggle } from './row-selection.js';

const entry = (i: number): RecordEntry => ({ key: i, text: `t/${i}`, revision: 1, value: { n: i * 10 } });
const asked: [number, number][] = [];
const rows = {
  rowsBetween: async (first: number, last: number) => {
    asked.push([first, last]);
    return Array.from({ length: last - first + 1 }, (_, i) => entry(first + i));
  },
};
const columns = [{ header: 'key', read: (e: RecordEntry) => e.key }, { header: 'n', read: (e: RecordEntry) => (e.value as { n: number }).n }];

describe('copying a selection', () => {
  it('fetches each range of the selection in order and formats the records', async () => {
    asked.length = 0;
    const selection = toggle(extendTo(selectOne(2), 4), 9);
    const copied = await selectionText(rows, selection, columns, 'csv');
    expect(asked).toEqual([[2, 4], [9, 9]]);
    expect(copied).toEqual({ ok: true, count: 4, text: 'key,n\n2,20\n3,30\n4,40\n9,90' });
  });

  it('refuses past the limit without fetching anything, and says so', async () => {
    asked.length = 0;
    const copied = await selectionText(rows, selectAll(1_000_000), columns, 'tsv', 10_000);
    expect(copied).toEqual({ ok: false, reason: '1,000,000 rows selected: copying is limited to 10,000 rows.' });
    expect(asked).toEqual([]);
  });
});
