/**
 * The text a new record starts from: every required field with a placeholder
 * of the right type, so the user fills in blanks instead of recalling the
 * schema. References start empty (null) with a comment naming the target
 * tree; validation then points at each one still to fill.
 */
import { escapePointer, toJson5, type JsonValue } from './json5-text.js';
import { branches, kindOf, type Schema } from './schema-nav.js';

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
  const kind = kindOf(s);
  if (kind === 'ref') {
    // null even where the reference is not nullable: validation then marks each one still to fill.
    notes.set(pointer, `key of a ${String(s['x-ref'])} record (Ctrl+Space lists them)`);
    return null;
  }
  if (kind === 'timestamp') return now.toISOString();
  if (kind === 'bytes') return '';
  if (Array.isArray(s['enum']) && s['enum'].length > 0) return s['enum'][0] as JsonValue;
  if ('const' in s) return s['const'] as JsonValue;
  switch (s['type']) {
    case 'object':
      return objectPlaceholder(s, pointer, now, notes);
    case 'array': {
      const items = s['items'];
      const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
      if (typeof items !== 'object' || items === null) return [];
      return Array.from({ length: min }, (_, i) => placeholder(items as Schema, `${pointer}/${i}`, now, notes));
    }
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function objectPlaceholder(s: Schema, pointer: string, now: Date, notes: Map<string, string>): JsonValue {
  const properties = (s['properties'] ?? {}) as Record<string, Schema>;
  const required = Array.isArray(s['required']) ? (s['required'] as string[]) : [];
  const out: { [key: string]: JsonValue } = {};
  for (const [name, child] of Object.entries(properties)) {
    if (required.includes(name)) out[name] = placeholder(child, `${pointer}/${escapePointer(name)}`, now, notes);
  }
  return out;
}
