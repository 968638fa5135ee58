/**
 * Trees whose keys come from a function of the application (`custom` without
 * a stored derivation): the browser cannot run that function, so it does not
 * pretend to. What it can see is which fields of a stored record hold exactly
 * the record's key (countries/"AD" has iso: "AD"); a new or edited value whose
 * such field disagrees with its key ("XQ" with iso: "XT") is almost surely
 * a record the application would never find under its own key.
 * Trees with a stored derivation (fieldKey, composite, hash) need none of
 * this: the host derives and checks their keys.
 */
import type { JsonKey, RecordEntry, TreeSummary } from '../../../../app/contract/index.js';

/** True when the tree's keys come from a function the browser cannot run. */
export function keyFromFunction(tree: TreeSummary): boolean {
  return tree.key.kind === 'custom' && tree.key.field === undefined;
}

/** The top-level fields of a stored record that hold exactly its key. */
export function fieldsHoldingKey(entry: RecordEntry | null): string[] {
  if (!entry || typeof entry.value !== 'object' || entry.value === null || Array.isArray(entry.value)) return [];
  const key = JSON.stringify(entry.key);
  return Object.entries(entry.value as Record<string, unknown>)
    .filter(([, v]) => JSON.stringify(v) === key)
    .map(([field]) => field);
}

export interface KeyClash {
  readonly field: string;
  readonly found: unknown;
  /** The record the field was seen to hold the key in. */
  readonly seenIn: string;
}

/** The first field that held the key in `sample` and holds something else than `key` in `value`. */
export function keyClash(sample: RecordEntry | null, key: JsonKey, value: unknown): KeyClash | undefined {
  if (!sample || typeof value !== 'object' || value === null) return undefined;
  const wanted = JSON.stringify(key);
  for (const field of fieldsHoldingKey(sample)) {
    const found = (value as Record<string, unknown>)[field];
    if (JSON.stringify(found) !== wanted) return { field, found, seenIn: sample.text };
  }
  return undefined;
}

export function clashText(clash: KeyClash, key: JsonKey): string {
  return `the key ${JSON.stringify(key)} differs from ${clash.field} ${JSON.stringify(clash.found) ?? '(missing)'}, and in ${clash.seenIn} the key is its ${clash.field}`;
}
