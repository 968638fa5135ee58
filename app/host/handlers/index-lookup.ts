/**
 * index.lookup: records found through a secondary index, in index order,
 * each with the cursor to continue after it.
 */
import { LabelReader } from '../labels.js';
import { wireEntry } from '../wire-forms.js';
import { defined, type Handlers } from './handler.js';

export const indexHandlers: Handlers<'index.lookup'> = {
  'index.lookup': ({ session }, args) => {
    const tree = session.db.tree(args.tree);
    const query = defined({ equals: args.equals, prefix: args.prefix, start: args.start, end: args.end, reverse: args.reverse, after: args.after });
    const hits = [];
    const values: unknown[] = [];
    let hasMore = false;
    // The engine checks every bound and the cursor (InvalidKey, KeyTooLarge) before it reads.
    for (const hit of tree.lookup(args.index, { ...query, after: query.after as never, limit: args.limit + 1 })) {
      if (hits.length === args.limit) {
        hasMore = true;
        break;
      }
      const entry = tree.get(hit.key);
      if (!entry) continue;
      hits.push({ indexed: [...hit.indexed], cursor: [...hit.cursor], entry: wireEntry(args.tree, entry) });
      values.push(entry.value);
    }
    const labels = new LabelReader(session.db).referenceLabels(args.tree, values);
    return { hits, hasMore, ...defined({ labels }) };
  },
};
