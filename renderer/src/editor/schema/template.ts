/**
 * The text a new record starts from: every required field with a placeholder
 * of the right type, so the user fills in blanks instead of recalling the
 * schema. Each value type says what its place starts with (a reference: null
 * with a comment naming the target tree, so validation points at each one
 * still to fill).
 */
import { escapePointer, toJson5, type JsonValue } from '../text/json5-text.js';
import { valueTypeFor } from '../../values/registry.js';
import { branches, type Schema } from './schema-nav.js';

export interface Template {
  readonly value: JsonValue;
  /** Comments by JSON Pointer, printed after the value. */
  readonly notes: ReadonlyMap<string, string>;
}

export function templateValue(schema: Schema, now: Date): Template {
  const notes = new Map<string, string>();
  const value = placeholder(schema, '', now, notes);
  return { value, notes };
}

export function templateText(schema: Schema, now: Date): string {
  const { value, notes } = templateValue(schema, now);
  return toJson5(value, (pointer) => notes.get(pointer));
}

function placeholder(schema: Schema, pointer: string, now: Date, notes: Map<string, string>): JsonValue {
  const options = branches(schema);
  // A nullable place starts as null: the smallest valid choice.
  if (options.length > 1 && options.some((s) => s['type'] === 'null')) return null;
  const s = options[0] ?? {};
  return valueTypeFor(s).template(s, {
    now,
    note: (text) => notes.set(pointer, text),
    child: (child, segment) => placeholder(child, `${pointer}/${typeof segment === 'number' ? segment : escapePointer(segment)}`, now, notes),
  });
}
