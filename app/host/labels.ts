/**
 * Labels for the answers that show records to a person: those of the records
 * a page refers to, resolved here in the same call (one point read per
 * distinct target, bounded), and a record's own label for holder lists.
 * Which fields label a tree is common/labels.ts's decision, as everywhere.
 */
import { formatKeyText, isPlainKey } from '@trellis/engine/common/key-text';
import { labelFieldsOf, labelOf } from '@trellis/engine/common/labels';
import type { OpaqueDatabase } from '@trellis/engine';
import type { Labels } from '../contract/index.js';
import { fieldReferenceKey } from './field-reference-key.js';

/** Distinct targets labelled per answer: a full page (1,000 rows) with a couple of references each. */
export const MAX_LABELS = 2_000;
/** Elements of one list of references labelled per record: the table shows the first few and a count. */
export const LIST_LABELS = 8;

export class LabelReader {
  private readonly fields = new Map<string, readonly string[]>();

  constructor(private readonly db: OpaqueDatabase) {}

  /** The fields that label a tree's records ([] for a tree without a label, or not in the catalog). */
  fieldsOf(tree: string): readonly string[] {
    let fields = this.fields.get(tree);
    if (!fields) {
      const stored = this.db.catalog.trees[tree];
      fields = stored ? labelFieldsOf(stored) : [];
      this.fields.set(tree, fields);
    }
    return fields;
  }

  /** A value's label, read with its tree's label fields. */
  labelOfValue(tree: string, value: unknown): string | undefined {
    const fields = this.fieldsOf(tree);
    return fields.length === 0 ? undefined : labelOf(value, fields);
  }

  /** The label of the record at `key`; undefined when it has none, does not exist or does not decode. */
  labelOfRecord(tree: string, key: unknown): string | undefined {
    if (this.fieldsOf(tree).length === 0) return undefined;
    try {
      const entry = this.db.tree(tree).get(key);
      return entry && !entry.problems ? this.labelOfValue(tree, entry.value) : undefined;
    } catch {
      return undefined; // a key the target tree refuses labels nothing; the reference shows as it is
    }
  }

  /**
   * Labels of the records that `values` (records of `tree`) refer to, by target key text;
   * undefined when there are none. Each target is read once, at most MAX_LABELS of them.
   */
  referenceLabels(tree: string, values: Iterable<unknown>): Labels | undefined {
    const references = (this.db.catalog.trees[tree]?.references ?? []).filter((ref) => this.fieldsOf(ref.target).length > 0);
    if (references.length === 0) return undefined;
    const labels: Labels = {};
    const seen = new Set<string>();
    for (const value of values) {
      for (const ref of references) {
        // A reference over existing fields (`state` over countryCode, stateCode) is named, not a place in the value.
        const keys = ref.fields ? [fieldReferenceKey(value, ref.fields)].filter((key) => key !== undefined) : keysAt(value, ref.path);
        for (const key of keys) {
          if (seen.size >= MAX_LABELS) return labels;
          if (!isPlainKey(key)) continue;
          const text = formatKeyText(ref.target, key);
          if (seen.has(text)) continue;
          seen.add(text);
          const label = this.labelOfRecord(ref.target, key);
          if (label !== undefined) labels[text] = label;
        }
      }
    }
    return Object.keys(labels).length > 0 ? labels : undefined;
  }
}

/** The references at a stored reference path (`owner`, `address.owner`, `watchers[]`, `items[].owner`), LIST_LABELS per list. */
function keysAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    const list = part.endsWith('[]');
    const name = list ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const node of current) {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, name)) continue;
      const field = (node as Record<string, unknown>)[name];
      if (!list) next.push(field);
      else if (Array.isArray(field)) next.push(...field.slice(0, LIST_LABELS));
    }
    current = next;
  }
  return current.filter((key) => key !== null && key !== undefined);
}
