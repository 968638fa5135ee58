/**
 * Index and reverse-reference entries are LMDB keys made of more than the
 * record's key (the indexed values; the target's key),
 * so a value the schema accepts can still make an entry LMDB cannot store.
 * The write path checks every entry before it touches anything, and
 * `validate` reports the same entries as issues at the field that is too long.
 */
import { KeyTooLargeError, type KeyEntryPlace, type ValidationIssue } from '../errors.js';
import { oversizeBytes } from '../schema/key-codec.js';
import { escapePointer } from '../schema/value-codec.js';
import { pathSegments } from '../schema/references.js';
import { MAX_KEY_BYTES } from '../storage/backend.js';
import type { KeyPart } from '../schema/key-brand.js';
import type { TreeModel } from './tree-model.js';

export interface OversizeEntry {
  readonly place: KeyEntryPlace;
  /** JSON Pointer of the field whose value makes the entry too long (a list as a whole). */
  readonly path: string;
  readonly bytes: number;
}

/**
 * Entries of `value` that would not fit, at most one per index and per
 * reference. `indexEntries[i]` are the entries of `model.indexes[i]` (computed
 * once by the caller, who needs them again); `keyParts` are the record key's
 * parts, which non-unique index entries and reference entries end with.
 */
export function oversizeEntries(
  model: TreeModel,
  modelOf: (tree: string) => TreeModel,
  keyParts: readonly KeyPart[],
  value: unknown,
  indexEntries: readonly (readonly KeyPart[][])[],
): OversizeEntry[] {
  const found: OversizeEntry[] = [];
  const keyBound = upperBound(keyParts);
  model.indexes.forEach((index, i) => {
    for (const tuple of indexEntries[i] ?? []) {
      // The common case, far below the limit, is settled without building the entry.
      if (upperBound(tuple) + (index.stored.unique ? 0 : keyBound) <= MAX_KEY_BYTES) continue;
      const bytes = oversizeBytes(index.stored.unique ? tuple : [...tuple, ...keyParts]);
      if (bytes === undefined) continue;
      found.push({ place: { index: index.stored.name }, path: pointerOf(index.stored.on[longest(tuple)] ?? ''), bytes });
      break;
    }
  });
  for (const ref of model.references) {
    const target = modelOf(ref.stored.target);
    for (const targetKey of ref.targets(value)) {
      const parts = target.key.parts(targetKey);
      if (upperBound(parts) + keyBound <= MAX_KEY_BYTES) continue;
      const bytes = oversizeBytes([...parts, ...keyParts]);
      if (bytes === undefined) continue;
      found.push({ place: { reference: ref.stored.path }, path: pointerOf(ref.stored.fields?.[0] ?? ref.stored.path), bytes });
      break;
    }
  }
  return found;
}

/**
 * What a write of a checked value would refuse with KEY_TOO_LARGE, as issues:
 * the key it implies, then its index and reference entries. The key is not
 * known before a write, so entries are sized with the key the value implies
 * (composite, content hash), a fresh one (uuid), the longest id (auto), or,
 * for keys the application gives apart from the value, without it.
 */
export function entryIssues(model: TreeModel, modelOf: (tree: string) => TreeModel, value: unknown, json: unknown): ValidationIssue[] {
  let keyParts: readonly KeyPart[] = [];
  if (model.key.derive) {
    try {
      keyParts = model.key.parts(model.key.check(model.key.derive(value, json)));
    } catch (error) {
      if (!(error instanceof KeyTooLargeError)) throw error;
      const fields = model.stored.key.kind === 'composite' ? model.stored.key.fields : [];
      const parts = fields.map((field) => (value as Record<string, KeyPart>)[field]!);
      return [{ path: fields.length > 0 ? pointerOf(fields[longest(parts)]!) : '', message: `makes a key of ${error.bytes} bytes; the limit is ${error.limit}` }];
    }
  } else if (model.key.generate) {
    keyParts = model.key.parts(model.key.generate());
  } else if (model.stored.key.kind === 'auto') {
    keyParts = model.key.parts(model.key.withVersion(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  }
  const entries = model.indexes.map((index) => index.entries(value));
  return oversizeEntries(model, modelOf, keyParts, value, entries).map(({ place, path, bytes }) => ({
    path,
    message:
      'index' in place
        ? `is too long for index '${place.index}' (its entry would be ${bytes} bytes; the limit is ${MAX_KEY_BYTES})`
        : `refers to a key too long to be referenced (the reverse-reference entry would be ${bytes} bytes; the limit is ${MAX_KEY_BYTES})`,
  }));
}

/** No key's encoding is longer than this (key-codec's `oversizeBytes` encodes only past it): UTF-8 takes at most 3 bytes per UTF-16 unit. */
function upperBound(parts: readonly KeyPart[]): number {
  let bound = 0;
  for (const part of parts) bound += typeof part === 'string' ? part.length * 3 + 1 : 10;
  return bound;
}

/** The part that takes the most room: the field to point at in a compound entry. */
function longest(tuple: readonly KeyPart[]): number {
  let at = 0;
  tuple.forEach((part, i) => {
    if (typeof part === 'string' && part.length > String(tuple[at]).length) at = i;
  });
  return at;
}

/** A catalog path (`address.city`, `friends[]`, `items[].owner`) → the JSON Pointer of the field, stopping at the first list. */
export function pointerOf(path: string): string {
  const segments = pathSegments(path);
  const list = segments.indexOf('[]');
  return (list === -1 ? segments : segments.slice(0, list)).map((s) => `/${escapePointer(s)}`).join('');
}
