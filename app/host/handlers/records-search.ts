/**
 * records.search: finding a record by what it is called, for reference
 * completion. Over the whole tree: keys equal to the text and an index on the
 * label field answer at once when they fill the list; otherwise the rows kept
 * from the last scan (search-rows.ts), else a scan in slices that lets other
 * calls through between them and stops at SEARCH_SCAN_LIMIT records.
 */
import type { OpaqueDatabase } from '@trellis/engine';
import type { JsonKey } from '../../contract/index.js';
import { LabelReader } from '../labels.js';
import { BestHits, fold, type Candidate } from '../search-ranking.js';
import { keepRows, keptRows, MAX_CACHED_ROWS } from '../search-rows.js';
import { keyText, wireKey } from '../wire-forms.js';
import { defined, type Handlers } from './handler.js';

/** Records one search reads at most (a few seconds); past it the answer says `complete: false`. */
export const SEARCH_SCAN_LIMIT = 1_000_000;
/** Records read between two turns of the event loop: other calls wait at most a few milliseconds for a search. */
const SCAN_SLICE = 2_000;
const DEFAULT_HITS = 20;

type Hit = { key: JsonKey; text: string; label?: string };

export const recordSearchHandlers: Handlers<'records.search'> = {
  'records.search': async ({ session }, args) => {
    const db = session.db;
    const tree = db.tree(args.tree); // an unknown tree is refused before anything is read
    const reader = new LabelReader(db);
    const limit = args.limit ?? DEFAULT_HITS;
    const needle = fold(args.text.trim());
    const candidate = (key: unknown, value: unknown): Candidate => ({ key, label: reader.labelOfValue(args.tree, value) });
    const answer = (found: readonly Candidate[], complete: boolean, scanned: number) => ({ hits: found.map((c) => wireHit(args.tree, c)), complete, scanned });

    if (needle === '') {
      const first = [...tree.range({ limit })].map((entry) => candidate(entry.key, entry.value));
      return answer(first, true, first.length);
    }
    const best = new BestHits<Candidate>(limit);
    const kept = keptRows(db, args.tree);
    if (kept) {
      for (const row of kept) best.offer(needle, row);
      return answer(best.list(), true, kept.length);
    }
    const offer = (key: unknown, value: unknown) => best.offer(needle, candidate(key, value));
    const direct = keysEqualTo(db, args.tree, args.text.trim(), limit, offer) + labelIndexPrefix(db, reader, args.tree, args.text.trim(), limit, offer);
    if (best.fullOfBestKinds()) return answer(best.list(), true, direct);

    // A scan reads every record once; the rows it read are kept for the next keystroke (search-rows.ts).
    const revision = db.revision();
    const rows: Candidate[] | undefined = tree.count() <= MAX_CACHED_ROWS ? [] : undefined;
    let scanned = 0;
    let after: unknown;
    for (;;) {
      const slice = [...tree.range({ limit: SCAN_SLICE, ...defined({ after }) })];
      for (const entry of slice) {
        if (entry.problems) continue;
        const row = candidate(entry.key, entry.value);
        best.offer(needle, row);
        rows?.push(row);
      }
      scanned += slice.length;
      if (slice.length < SCAN_SLICE) {
        if (rows) keepRows(db, args.tree, revision, rows);
        return answer(best.list(), true, scanned + direct);
      }
      if (scanned >= SEARCH_SCAN_LIMIT) return answer(best.list(), false, scanned + direct);
      after = slice.at(-1)!.key;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (session.db !== db) return answer(best.list(), false, scanned + direct); // another database was opened meanwhile
    }
  },
};

/**
 * Records whose key is the text, or whose composite key starts with it as a part ("FR" → every
 * states/["FR",…]), read directly, as typed and in capitals. Returns the records read.
 */
function keysEqualTo(db: OpaqueDatabase, treeName: string, text: string, limit: number, offer: (key: unknown, value: unknown) => void): number {
  const tree = db.tree(treeName);
  const composite = db.catalog.trees[treeName]?.key.kind === 'composite';
  const asNumber = text.trim() !== '' && Number.isFinite(Number(text)) ? [Number(text)] : [];
  let read = 0;
  for (const part of new Set<string | number>([text, text.toUpperCase(), ...asNumber])) {
    try {
      if (composite) {
        for (const entry of tree.range({ prefix: [part], limit })) {
          read++;
          if (!entry.problems) offer(entry.key, entry.value);
        }
      } else {
        const entry = tree.get(part);
        read++;
        if (entry && !entry.problems) offer(entry.key, entry.value);
      }
    } catch {
      // Not a key of this tree's shape (a word for a numeric key): nothing is equal to it.
    }
  }
  return read;
}

/**
 * Label prefixes through an index on the (single) label field, in the ways text is usually
 * capitalised (an index is exact: "par" does not find "Paris" by itself). Returns the records read.
 */
function labelIndexPrefix(db: OpaqueDatabase, reader: LabelReader, treeName: string, text: string, limit: number, offer: (key: unknown, value: unknown) => void): number {
  const fields = reader.fieldsOf(treeName);
  const index = db.catalog.trees[treeName]?.indexes.find((i) => fields.length === 1 && i.on.length === 1 && i.on[0] === fields[0]);
  if (!index) return 0;
  const tree = db.tree(treeName);
  const seen = new Set<string>();
  let read = 0;
  for (const variant of new Set([text, text.toLowerCase(), text.charAt(0).toUpperCase() + text.slice(1), titleCase(text), text.toUpperCase()])) {
    try {
      for (const hit of tree.lookup(index.name, { prefix: variant, limit })) {
        const id = JSON.stringify(hit.key);
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = tree.get(hit.key);
        read++;
        if (entry && !entry.problems) offer(entry.key, entry.value);
      }
    } catch {
      return read; // an index that cannot take this text as a prefix (a number field, a key too long): the scan decides
    }
  }
  return read;
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_all, before: string, letter: string) => before + letter.toUpperCase());
}

function wireHit(tree: string, candidate: Candidate): Hit {
  return { key: wireKey(candidate.key), text: keyText(tree, candidate.key), ...defined({ label: candidate.label }) };
}
