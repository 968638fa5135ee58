/**
 * Where the table's rows come from: a tree in key order (addressable by
 * offset, continued by key), or an index lookup in index order (continued by
 * the last hit's cursor only).
 */
import type { ArgsOf, JsonKey, Transport } from '../../../../app/contract/index.js';
import type { IndexFilter } from '../../state/history.js';
import { parseUserValue } from '../../state/user-input.js';
import type { PageSource } from './block-cache.js';
import { treePageArgs } from './tree-page.js';

type Caller = Pick<Transport, 'call'>;

export function treeSource(client: Caller, tree: string): PageSource<JsonKey> {
  return {
    addressable: true,
    async load(block, limit, after) {
      const page = await client.call('records.page', treePageArgs(tree, block, limit, after));
      return { rows: page.entries, count: page.count, hasMore: page.hasMore, end: page.entries.at(-1)?.key };
    },
  };
}

export function indexSource(client: Caller, tree: string, filter: IndexFilter): PageSource<unknown[]> {
  const query = lookupQuery(filter);
  return {
    addressable: false,
    async load(_block, limit, after) {
      const result = await client.call('index.lookup', { tree, index: filter.index, limit, ...query, ...(after ? { after } : {}) });
      return { rows: result.hits.map((hit) => hit.entry), hasMore: result.hasMore, end: result.hits.at(-1)?.cursor };
    },
  };
}

/** The typed filter text as index.lookup arguments (values are JSON5; a bare word is a string). */
export function lookupQuery(filter: IndexFilter): Pick<ArgsOf<'index.lookup'>, 'equals' | 'prefix' | 'start' | 'end'> {
  switch (filter.mode) {
    case 'equals':
      return { equals: parseUserValue(filter.value) };
    case 'prefix': {
      const value = parseUserValue(filter.value);
      return { prefix: typeof value === 'string' ? value : filter.value.trim() };
    }
    case 'range':
      return {
        ...(filter.value.trim() ? { start: parseUserValue(filter.value) } : {}),
        ...(filter.end.trim() ? { end: parseUserValue(filter.end) } : {}),
      };
  }
}
