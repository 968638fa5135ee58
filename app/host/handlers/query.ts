/**
 * Queries: a filter on any field and an order, planned and run by the engine
 * in slices the host drives (./query-runs.ts); pages of the matches by offset.
 */
import { fail } from '../error-payload.js';
import { LabelReader } from '../labels.js';
import { wireEntry } from '../wire-forms.js';
import { defined, type Handlers } from './handler.js';

export const queryHandlers: Handlers<'query.open' | 'query.page' | 'query.cancel' | 'query.close'> = {
  'query.open': ({ session }, args) => session.queries.open(session.db, args.tree, args.query),

  'query.page': ({ session }, args) => {
    const running = session.queries.get(args.id);
    if (running.error) fail(running.error);
    const tree = session.db.tree(running.tree);
    // A match deleted since it was found is left out; the view runs its query again on the change.
    const found = running.run.keysAt(args.offset, args.limit).flatMap((key) => {
      const entry = tree.get(key);
      return entry ? [entry] : [];
    });
    // The labels of what these rows refer to come with them, as with records.page.
    const labels = new LabelReader(session.db).referenceLabels(running.tree, found.map((entry) => entry.value));
    return { entries: found.map((entry) => wireEntry(running.tree, entry)), progress: session.queries.progressOf(running), ...defined({ labels }) };
  },

  'query.cancel': ({ session }, args) => ({ progress: session.queries.cancel(args.id) }),

  'query.close': ({ session }, args) => ({ closed: session.queries.close(args.id) }),
};
