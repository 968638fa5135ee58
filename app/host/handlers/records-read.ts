/**
 * Reading records: pages (keyset with `after`, `offset` for jumps), single
 * records, a key's row position, and who refers to a record.
 */
import type { ReferenceHolder } from '@trellis/engine';
import { MAX_PAGE, type HolderDetail } from '../../contract/index.js';
import { LabelReader } from '../labels.js';
import { wireEntry, wireHolder } from '../wire-forms.js';
import { defined, type Handlers } from './handler.js';

/** Holders listed per group before "Show more": enough to read, few enough to send for every group at once. */
const FIRST_HOLDERS = 50;

export const recordReadHandlers: Handlers<'records.page' | 'records.get' | 'records.position' | 'records.referencedBy' | 'records.referenceGroups'> = {
  'records.page': ({ session }, args) => {
    const tree = session.db.tree(args.tree);
    const bounds = defined({ start: args.start, end: args.end, prefix: args.prefix });
    // One record more than asked says exactly whether another page follows.
    const rows = [...tree.range({ ...bounds, ...defined({ after: args.after, offset: args.offset, reverse: args.reverse }), limit: args.limit + 1 })];
    const hasMore = rows.length > args.limit;
    // `count` is the size of the range being paged (the whole tree without bounds: constant time).
    const count = Object.keys(bounds).length === 0 ? tree.count() : tree.countRange(bounds);
    const shown = rows.slice(0, args.limit);
    // The labels of what these rows refer to come with them: no request per reference cell.
    const labels = new LabelReader(session.db).referenceLabels(args.tree, shown.map((row) => row.value));
    return { entries: shown.map((row) => wireEntry(args.tree, row)), count, hasMore, ...defined({ labels }) };
  },

  'records.get': ({ session }, args) => {
    const entry = session.db.tree(args.tree).get(args.key);
    if (!entry) return { entry: null };
    const labels = new LabelReader(session.db).referenceLabels(args.tree, [entry.value]);
    return { entry: wireEntry(args.tree, entry), ...defined({ labels }) };
  },

  'records.position': ({ session }, args) => {
    const tree = session.db.tree(args.tree);
    return { position: tree.position(args.key), exists: tree.has(args.key) };
  },

  'records.referencedBy': ({ session }, args) => {
    const limit = args.limit ?? MAX_PAGE;
    const holders = session.db.tree(args.tree).referencedBy(args.key, { limit: limit + 1, ...defined({ group: args.group }) });
    const labelled = labelledHolder(new LabelReader(session.db));
    return { holders: holders.slice(0, limit).map(labelled), truncated: holders.length > limit };
  },

  'records.referenceGroups': ({ session }, args) => {
    const tree = session.db.tree(args.tree);
    const limit = args.limit ?? FIRST_HOLDERS;
    const labelled = labelledHolder(new LabelReader(session.db));
    // One call for the whole panel: groups are as many as the references declared on other trees, each a seek and a key count.
    const groups = tree.referenceGroups(args.key).map(({ tree: holderTree, path, count }) => {
      const holders = tree.referencedBy(args.key, { limit, group: { tree: holderTree, path } });
      return { tree: holderTree, path, count, holders: holders.map(labelled), hasMore: count > holders.length };
    });
    return { groups };
  },
};

/** A holder in its wire form, with its own label (one point read each: a page of holders is at most MAX_PAGE). */
function labelledHolder(reader: LabelReader): (holder: ReferenceHolder) => HolderDetail {
  return (holder) => ({ ...wireHolder(holder), ...defined({ label: reader.labelOfRecord(holder.tree, holder.key) }) });
}
