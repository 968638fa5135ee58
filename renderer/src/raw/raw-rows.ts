/**
 * The raw view's rows and columns, headless: a page source over raw.page for
 * the grid's block cache (keyset by the last key's hex, offsets for jumps), and
 * two columns, the key and the value as the host decoded them. Rows travel
 * through the grid in the shape of a record entry: `key` is the key's hex,
 * `text` (selection, data-key) names the database and key, `value` the raw entry.
 */
import type { RawCell, RawDecoder, RawEntry, RecordEntry, Transport } from '../../../app/contract/index.js';
import type { PageSource } from '../grid/core/block-cache.js';
import type { GridColumn } from '../grid/core/columns.js';
import { stringType } from '../values/string.js';

export interface RawChoice {
  readonly keyDecoder: RawDecoder;
  readonly valueDecoder: RawDecoder;
}

/** What the sidebar and titles call the unnamed main database (its name is ''). */
export const MAIN_DATABASE_LABEL = '(main database)';

export function databaseLabel(name: string): string {
  return name === '' ? MAIN_DATABASE_LABEL : name;
}

/** A row's identity: `<database>/<key hex>`, e.g. `users/616c696365`. */
export function rawRowText(database: string, keyHex: string): string {
  return `${database}/${keyHex}`;
}

export function rawEntryOf(row: RecordEntry): RawEntry {
  return row.value as RawEntry;
}

export function rawSource(client: Pick<Transport, 'call'>, database: string, choice: RawChoice): PageSource<string> {
  return {
    addressable: true,
    async load(block, limit, after) {
      const page = await client.call('raw.page', { database, limit, ...choice, ...(after === undefined ? { offset: block * limit } : { after }) });
      const rows = page.entries.map((entry): RecordEntry => ({ key: entry.key, text: rawRowText(database, entry.key), revision: 0, value: entry }));
      return { rows, count: page.count, hasMore: page.hasMore, end: page.entries.at(-1)?.key };
    },
  };
}

/** A cell's text; a decoder that failed shows the bytes in hex behind a marker. */
export function cellText(cell: RawCell): string {
  return cell.failed ? `⚠ hex ${cell.text}` : cell.text;
}

const KEY_WIDTH = 240;
const VALUE_WIDTH = 640;

export function rawColumns(choice: RawChoice): GridColumn[] {
  const column = (role: 'key' | 'value', width: number, read: (entry: RawEntry) => RawCell): GridColumn => ({
    id: role,
    header: `${role} · ${role === 'key' ? choice.keyDecoder : choice.valueDecoder}`,
    role,
    schema: { type: 'string' },
    type: stringType,
    width,
    read: (row) => cellText(read(rawEntryOf(row))),
  });
  return [column('key', KEY_WIDTH, (entry) => entry.keyCell), column('value', VALUE_WIDTH, (entry) => entry.valueCell)];
}
