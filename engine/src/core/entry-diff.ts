/**
 * What a write changes in a record's index and reverse-reference entries (the
 * entries before and after, compared), and the value a delete's `setNull`
 * leaves in a record that referred to the deleted one.
 */
import type { KeyPart, KeyValue } from '../schema/key-brand.js';
import { keyText } from './tree-model.js';

const NONE: KeyPart[][] = [];

/** The entries a write removes and adds, from the entries of the value before and after (each a tuple of key parts). */
export function diff(before: KeyPart[][], after: KeyPart[][]): { removed: KeyPart[][]; added: KeyPart[][] } {
  if (before.length === 0 || after.length === 0) return { removed: before, added: after }; // inserts and deletes: nothing to compare
  // One entry before and after (a plain field): compared part by part, without text forms.
  if (before.length === 1 && after.length === 1) return sameParts(before[0]!, after[0]!) ? { removed: NONE, added: NONE } : { removed: before, added: after };
  const beforeText = new Set(before.map(keyText));
  const afterText = new Set(after.map(keyText));
  return { removed: before.filter((t) => !afterText.has(keyText(t))), added: after.filter((t) => !beforeText.has(keyText(t))) };
}

/** Whether two tuples are the same entry: parts are strings, numbers and booleans, so `===` is what their text forms would say. */
function sameParts(a: readonly KeyPart[], b: readonly KeyPart[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The value with references to `target` at the path set to null, or dropped from lists. */
export function unlink(value: unknown, segments: readonly string[], target: KeyValue): unknown {
  const targetText = keyText(target);
  const walk = (node: unknown, depth: number): unknown => {
    if (depth === segments.length) return node;
    const segment = segments[depth]!;
    const last = depth === segments.length - 1;
    if (segment === '[]') {
      if (!Array.isArray(node)) return node;
      if (last) return node.filter((item) => keyText(item) !== targetText);
      return node.map((item) => walk(item, depth + 1));
    }
    if (typeof node !== 'object' || node === null) return node;
    const record = { ...(node as Record<string, unknown>) };
    if (last) {
      if (keyText(record[segment]) === targetText) record[segment] = null;
    } else {
      record[segment] = walk(record[segment], depth + 1);
    }
    return record;
  };
  return walk(value, 0);
}
