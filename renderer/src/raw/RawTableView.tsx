/**
 * One database of a raw LMDB environment: the decoders above the table, the
 * entries in the grid's own table (block cache, windowed rows: a million entries
 * scroll as a tree does), and the selected entry whole in a read-only panel.
 * Another decoder reloads the rows where the table was.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type JSX } from 'react';
import type { RawDatabase, RecordEntry } from '../../../app/contract/index.js';
import { RAW_DECODERS, type RawDecoder } from '@trellis/engine/common/raw-decoders';
import { BlockCache } from '../grid/core/block-cache.js';
import { BLOCK_SIZE } from '../grid/core/tree-page.js';
import { RecordsTable } from '../grid/RecordsTable.js';
import { useCommand } from '../commands/use-command.js';
import { useClient } from '../state/contexts.js';
import { databaseLabel, rawColumns, rawEntryOf, rawSource, type RawChoice } from './raw-rows.js';
import { RawRecordPanel } from './RawRecordPanel.js';

const MAX_BLOCKS = 40;

/** What each decoder reads, for the picker's tooltip. */
const DESCRIPTIONS: Readonly<Record<RawDecoder, string>> = {
  'ordered-binary': 'ordered-binary: lmdb-js\'s default key encoding',
  msgpack: 'msgpack: lmdb-js\'s default value encoding',
  json: 'JSON text',
  utf8: 'UTF-8 text, as it is',
  hex: 'the bytes in hex',
};

interface RawTableViewProps {
  readonly database: RawDatabase;
  readonly choice: RawChoice;
  onChoose(choice: RawChoice): void;
}

export function RawTableView({ database, choice, onChoose }: RawTableViewProps): JSX.Element {
  const client = useClient();
  const cache = useMemo(
    () => new BlockCache<string>(rawSource(client, database.name, choice), { blockSize: BLOCK_SIZE, maxBlocks: MAX_BLOCKS, initialCount: database.count }),
    [client, database.name, choice.keyDecoder, choice.valueDecoder],
  );
  useEffect(() => () => cache.dispose(), [cache]);
  useSyncExternalStore(cache.subscribe, cache.snapshot);
  const columns = useMemo(() => rawColumns(choice), [choice.keyDecoder, choice.valueDecoder]);
  // Where the table was, so that another decoder shows the same rows.
  const offset = useRef(0);
  // The row moved to; `row` is undefined while its block is on its way (a keyboard jump), and filled when it arrives.
  const [cursor, setCursor] = useState<{ index: number; row: RecordEntry | undefined } | undefined>(undefined);
  const arrived = cursor && !cursor.row ? cache.row(cursor.index) : undefined;
  useEffect(() => {
    if (arrived && cursor) setCursor({ index: cursor.index, row: arrived });
  }, [arrived, cursor]);
  const selected = cursor?.row ? { key: rawEntryOf(cursor.row).key, text: cursor.row.text } : undefined;
  const found = selected ? cache.indexOf(selected.text) : -1;
  const selectedIndex = found >= 0 ? found : cursor?.index;

  const select = (index: number, row: RecordEntry | undefined) => setCursor({ index, row });
  useCommand({ id: 'view.closeRecord', label: 'Close Entry Panel', group: 'Record', keys: ['Escape'], run: () => setCursor(undefined), enabled: () => cursor !== undefined });
  const count = `${cache.rowCount.toLocaleString('en-US')} ${cache.rowCount === 1 ? 'entry' : 'entries'}`;
  const guessed = (role: 'key' | 'value') => (role === 'key' ? database.keyDecoder : database.valueDecoder);

  const picker = (role: 'key' | 'value') => (
    <label className="raw-decoder" title={RAW_DECODERS.map((decoder) => DESCRIPTIONS[decoder]).join('\n')}>
      <span>{role === 'key' ? 'Keys as' : 'Values as'}</span>
      <select
        data-testid={`raw-${role}-decoder`}
        value={role === 'key' ? choice.keyDecoder : choice.valueDecoder}
        onChange={(event) => {
          const decoder = event.target.value as RawDecoder;
          onChoose(role === 'key' ? { ...choice, keyDecoder: decoder } : { ...choice, valueDecoder: decoder });
        }}
      >
        {RAW_DECODERS.map((decoder) => (
          <option key={decoder} value={decoder}>
            {decoder}
            {decoder === guessed(role) ? ' (guessed)' : ''}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="tree-view">
      <div className="tree-main">
        <div className="table-toolbar" role="toolbar" aria-label={`${databaseLabel(database.name)} table`}>
          <h1 className="tree-title">{databaseLabel(database.name)}</h1>
          <span className="table-count" data-testid="table-count" data-count={cache.exact ? cache.rowCount : undefined}>
            {count}
          </span>
          <span className="badge" data-testid="raw-read-only" title="An LMDB environment without a Trellis catalog is opened read-only: nothing is written to it">
            read-only
          </span>
          {picker('key')}
          {picker('value')}
        </div>
        <RecordsTable
          key={`${choice.keyDecoder} ${choice.valueDecoder}`}
          cache={cache}
          columns={columns}
          selectedIndex={selectedIndex}
          initialScrollTop={offset.current}
          onSelect={select}
          onOpen={() => document.querySelector<HTMLElement>('[data-testid="record-panel"]')?.focus()}
          onFollow={() => undefined /* raw entries hold no references to follow */}
          onScroll={(top) => {
            offset.current = top;
          }}
        />
      </div>
      {selected && <RawRecordPanel key={`${selected.key} ${choice.keyDecoder} ${choice.valueDecoder}`} database={database.name} keyHex={selected.key} text={selected.text} choice={choice} onClose={() => setCursor(undefined)} />}
    </div>
  );
}
