import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../../../../app/contract/index.js';
import { cellText, formatRecords } from './record-format.js';

const records: RecordEntry[] = [
  { key: 1, text: 'people/1', revision: 1, value: { name: 'Ada, Countess', note: 'said "hi"\nthen left', address: { city: 'London' }, tags: ['a'], age: null } },
  { key: 2, text: 'people/2', revision: 3, value: { name: 'Ken\tThompson', age: 81 } },
];
const field = (name: string) => ({ header: name, read: (entry: RecordEntry) => (entry.value as Record<string, unknown>)[name] });
const columns = [{ header: 'key', read: (entry: RecordEntry) => entry.key }, field('name'), field('note'), field('address'), field('tags'), field('age')];

describe('records as clipboard text', () => {
  it('CSV has a header of the visible columns and reads back as the cells, quoting commas, quotes and new lines', () => {
    const text = formatRecords(records, columns, 'csv');
    expect(Papa.parse<string[]>(text).data).toEqual([
      ['key', 'name', 'note', 'address', 'tags', 'age'],
      ['1', 'Ada, Countess', 'said "hi"\nthen left', '{"city":"London"}', '["a"]', ''],
      ['2', 'Ken\tThompson', '', '', '', '81'],
    ]);
  });

  it('TSV separates by tabs and quotes a tab inside a value', () => {
    const text = formatRecords(records.slice(1), columns.slice(0, 2), 'tsv');
    expect(text).toBe('key\tname\n2\t"Ken\tThompson"');
  });

  it('JSON and NDJSON carry each record whole, as key and value', () => {
    const whole = records.map(({ key, value }) => ({ key, value }));
    expect(JSON.parse(formatRecords(records, columns, 'json'))).toEqual(whole);
    expect(formatRecords(records, columns, 'ndjson').split('\n').map((line) => JSON.parse(line))).toEqual(whole);
  });

  it('a cell is its string as is, nothing for null or absent, JSON otherwise', () => {
    expect([cellText('x'), cellText(null), cellText(undefined), cellText(3), cellText(false), cellText([1, { a: 2 }])]).toEqual(['x', '', '', '3', 'false', '[1,{"a":2}]']);
  });
});
