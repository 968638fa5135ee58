/**
 * Where a whole tree's rows come from: key order, addressable by offset and
 * continued by key. A filtered or sorted view's come from its query
 * (query-view.ts).
 */
import type { JsonKey, Transport } from '../../../../app/contract/index.js';
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
