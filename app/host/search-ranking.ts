/**
 * How well a record matches what was typed into a search, and the best few
 * kept while a search reads a whole tree (records.search). Plain functions:
 * nothing here reads the database.
 */
import { foldForSearch } from '@trellis/engine/common/labels';

/**
 * Best first: a key part is the text ("FR" for states/["FR",…]), the label starts with it, a key part
 * does, a word of the label does, the label contains it, a key part does.
 */
export const MATCH_KINDS = ['key-equals', 'label-start', 'key-start', 'label-word', 'label-contains', 'key-contains'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];
const LABEL_KINDS = new Set([1, 3, 4]);

export interface Candidate {
  readonly key: unknown;
  readonly label: string | undefined;
}

export interface RankedHit<C extends Candidate> {
  readonly candidate: C;
  readonly rank: number;
  /** Shorter labels first within a kind of label match ("Paris" before "Paris-l'Hôpital"); 0 for key matches. */
  readonly length: number;
  /** Order of arrival (key order in a scan), the last tie-breaker. */
  readonly seen: number;
  /** The key as JSON text: the same record is kept once. */
  readonly id: string;
}

/** Case and accents ignored; plain ASCII (most text) skips the costly normalisation. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is exactly what can skip normalisation
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : foldForSearch(text);
}

/** The kind of match (an index into MATCH_KINDS), or undefined when the record does not match. `needle` is folded. */
export function matchRank(needle: string, candidate: Candidate): number | undefined {
  let keyStart = false;
  let keyContains = false;
  for (const part of Array.isArray(candidate.key) ? candidate.key : [candidate.key]) {
    const text = typeof part === 'string' ? fold(part) : String(part);
    if (text === needle) return 0;
    if (text.startsWith(needle)) keyStart = true;
    else if (text.includes(needle)) keyContains = true;
  }
  const label = candidate.label === undefined ? undefined : fold(candidate.label);
  if (label?.startsWith(needle)) return 1;
  if (keyStart) return 2;
  if (label?.includes(needle)) return startsWord(label, needle) ? 3 : 4;
  if (keyContains) return 5;
  return undefined;
}

/** Whether the needle occurs at the start of a word of the label ("hop" in "Grace Hopper"). */
function startsWord(label: string, needle: string): boolean {
  for (let at = label.indexOf(needle); at >= 0; at = label.indexOf(needle, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(label.charAt(at - 1))) return true;
  }
  return false;
}

/** The best `limit` hits seen so far, in order. */
export class BestHits<C extends Candidate> {
  private readonly hits: RankedHit<C>[] = [];
  private seen = 0;

  constructor(private readonly limit: number) {}

  /** Offers a candidate; false when it does not match. */
  offer(needle: string, candidate: C): boolean {
    const rank = matchRank(needle, candidate);
    if (rank === undefined) return false;
    // The index and a scan may both offer a record: once is enough.
    const id = JSON.stringify(candidate.key);
    if (this.hits.some((hit) => hit.id === id)) return true;
    // Label matches: shorter labels first; key matches stay in key order.
    const length = LABEL_KINDS.has(rank) ? (candidate.label?.length ?? 0) : 0;
    const hit: RankedHit<C> = { candidate, rank, length, seen: this.seen++, id };
    if (this.hits.length === this.limit && compare(hit, this.hits.at(-1)!) >= 0) return true;
    let at = this.hits.length;
    while (at > 0 && compare(hit, this.hits[at - 1]!) < 0) at--;
    this.hits.splice(at, 0, hit);
    if (this.hits.length > this.limit) this.hits.pop();
    return true;
  }

  /** Whether the list is full of key-equals and label-start hits: no later kind of match could enter it. */
  fullOfBestKinds(): boolean {
    return this.hits.length === this.limit && this.hits.every((hit) => hit.rank <= 1);
  }

  list(): readonly C[] {
    return this.hits.map((hit) => hit.candidate);
  }
}

function compare(a: RankedHit<Candidate>, b: RankedHit<Candidate>): number {
  return a.rank - b.rank || a.length - b.length || a.seen - b.seen;
}
