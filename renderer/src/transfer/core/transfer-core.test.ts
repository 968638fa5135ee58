/**
 * The browser's export and import without a host: each format written page by
 * page reads back as the same records (CSV through the column mapping and each
 * field's type), an export stops when cancelled, and the check settles a
 * reference to a later record of the file instead of reporting it. The host is
 * stood in for by a function answering import.check (the boundary; the e2e
 * spec runs the real one).
 */
import { describe, expect, it } from 'vitest';
import type { RecordEntry, TreeSummary } from '../../../../app/contract/index.js';
import { exportWriter, type ExportFormat } from './export-formats.js';
import { defaultMapping, parseImportFile, rowsFromCsv } from './import-parse.js';
import { entriesSource, type Caller, type RecordSource } from './record-source.js';
import { runExport } from './run-export.js';
import { checkRows } from './run-import.js';

const people: TreeSummary = {
  name: 'people',
  key: { kind: 'auto' },
  keySchema: { type: 'integer', minimum: 1 },
  value: {
    type: 'object',
    required: ['name', 'age', 'admin', 'tags', 'boss', 'note'],
    properties: {
      name: { type: 'string' },
      age: { type: 'integer' },
      admin: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      boss: { anyOf: [{ type: 'integer', 'x-trellis-ref': 'people' }, { type: 'null' }] },
      note: { type: 'string' },
      email: { type: 'string' },
    },
  },
  indexes: [],
  references: [{ path: 'boss', target: 'people', onDelete: 'restrict', many: false }],
  count: 3,
  referencedFrom: [],
};

const entry = (key: number, value: Record<string, unknown>): RecordEntry => ({ key, text: `people/${key}`, revision: key, value });
const records = [
  entry(1, { name: 'Ann, "the boss"', age: 40, admin: true, tags: ['a', 'b,c'], boss: null, note: '', email: 'ann@x' }),
  entry(2, { name: 'Bob\nSmith', age: 30, admin: false, tags: [], boss: 1, note: 'n' }),
  entry(3, { name: 'Cy', age: 20, admin: false, tags: ['x'], boss: 2, note: 'ünï' }),
];

/** A source answering two records a page, as the host pages a tree. */
const paged = (): RecordSource => ({
  description: 'all',
  total: records.length,
  next: async (last) => {
    const start = last ? records.findIndex((r) => r.key === last.key) + 1 : 0;
    return { entries: records.slice(start, start + 2), done: start + 2 >= records.length };
  },
});

async function exported(format: ExportFormat): Promise<string> {
  const progress: number[] = [];
  const { blob, records: count } = await runExport(paged(), exportWriter(format, people), new AbortController().signal, (p) => progress.push(p.records));
  expect(count).toBe(3);
  expect(progress).toEqual([2, 3]);
  return blob.text();
}

describe('export formats read back by the import', () => {
  it.each(['ndjson', 'json'] as const)('%s: the same keys and values', async (format) => {
    const parsed = parseImportFile(await exported(format), format, people);
    expect(parsed.problems).toEqual([]);
    expect(parsed.format !== 'csv' && parsed.rows.map(({ key, value }) => ({ key, value }))).toEqual(records.map(({ key, value }) => ({ key, value })));
  });

  it('csv: quoting, lists, null, empty text and absent fields survive through the default mapping', async () => {
    const text = await exported('csv');
    expect(text.split('\r\n')[0]).toBe('key,name,age,admin,tags,boss,note,email');
    const parsed = parseImportFile(text, 'csv', people);
    if (parsed.format !== 'csv') throw new Error('expected csv');
    const rows = rowsFromCsv(parsed.cells, defaultMapping(parsed.header, people), people);
    expect(rows.map(({ key, value }) => ({ key, value }))).toEqual(records.map(({ key, value }) => ({ key, value })));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('an NDJSON line of another tree is a problem of its line; an export header is skipped', () => {
    const text = ['{"trellis":"export","format":1,"trees":{},"counters":{}}', '{"tree":"pets","key":1,"value":{}}', '{"name":"bare value"}', 'oops'].join('\n');
    const parsed = parseImportFile(text, 'ndjson', people);
    expect(parsed.problems.map((p) => [p.line, p.path])).toEqual([
      [2, '/tree'],
      [4, ''],
    ]);
    expect(parsed.format !== 'csv' && parsed.rows).toEqual([{ line: 3, value: { name: 'bare value' } }]);
  });

  it('cancel stops an export between pages', async () => {
    const controller = new AbortController();
    const source = { ...paged(), next: async (last: RecordEntry | undefined) => (controller.abort(), paged().next(last, controller.signal)) };
    await expect(runExport(source, exportWriter('ndjson', people), controller.signal, () => undefined)).rejects.toThrow();
    await expect(runExport(entriesSource('one', records.slice(0, 1)), exportWriter('json', people), new AbortController().signal, () => undefined).then((r) => r.blob.text())).resolves.toBe(
      '[\n{"key":1,"value":' + JSON.stringify(records[0]!.value) + '}\n]\n',
    );
  });
});

describe('checking rows', () => {
  it('settles references to records later in the file, and names duplicates across pages and the host’s problems by line', async () => {
    const calls: number[] = [];
    // Stands in for the host: record 0 of each page refers to people/5, which only the file holds; a bad age is a problem.
    const client: Caller = {
      call: (async (_method: string, args: { records: { key?: unknown; value: { age?: unknown } }[] }) => {
        calls.push(args.records.length);
        const problems = args.records.flatMap((r, index) => [
          ...(typeof r.value.age === 'number' ? [] : [{ index, path: '/value/age', message: 'expected integer' }]),
          ...(index === 0 ? [{ index, path: '/value/boss', message: 'missing', target: 'people/5' }] : []),
        ]);
        return { problems, truncated: false };
      }) as Caller['call'],
    };
    const rows = Array.from({ length: 1500 }, (_, i) => ({ line: i + 1, key: i + 1, value: { age: i === 1200 ? 'old' : i } }));
    rows.push({ line: 1501, key: 7, value: { age: 1 } });
    const report = await checkRows(client, people, rows, new AbortController().signal, () => undefined);
    expect(calls).toEqual([1000, 501]);
    expect(report.awaited).toEqual(['people/5']);
    expect(report.problems).toEqual([
      { line: 1201, path: '/value/age', message: 'expected integer' },
      { line: 1501, path: '/key', message: 'the same key as line 7: a key may appear once' },
    ]);
  });
});
