/**
 * Import from the browser, page by page (export needs no method of its own:
 * it reads through records.page). The renderer parses the file, checks every
 * page with `import.check` before anything is written, then writes the pages
 * with `import.write`, each in one transaction.
 */
import { MAX_ISSUES } from '../../contract/index.js';
import { keyText, wireKey } from '../wire-forms.js';
import type { Handlers } from './handler.js';

export const transferHandlers: Handlers<'import.check' | 'import.write'> = {
  'import.check': ({ session }, args) => {
    const db = session.db;
    db.tree(args.tree); // an unknown tree is UNKNOWN_TREE for the whole call, not a problem per record
    const problems = db.checkImport(
      args.records.map((r) => ({ tree: args.tree, key: r.key, value: r.value })),
      MAX_ISSUES + 1,
    );
    const listed = problems.slice(0, MAX_ISSUES).map((p) => ({
      index: p.line - 1,
      // The engine points into a line {tree, key, value}; a page's record is {key, value}.
      path: p.path,
      message: p.message,
      ...(p.target ? { target: keyText(p.target.tree, p.target.key) } : {}),
    }));
    return { problems: listed, truncated: problems.length > MAX_ISSUES };
  },

  'import.write': async ({ session }, args) => {
    session.assertWritable();
    const db = session.db;
    const awaited = new Set(args.awaited ?? []);
    const written = await db.writeImport(
      args.records.map((r) => ({ tree: args.tree, key: r.key, value: r.value })),
      awaited.size === 0 ? undefined : (tree, key) => awaited.has(keyText(tree, key)),
    );
    return {
      written: written.map((w) => ({ key: wireKey(w.key), text: keyText(w.tree, w.key), ...(w.previous === undefined ? {} : { previous: w.previous }) })),
    };
  },
};

