/**
 * Nested objects are summarised in a cell, field by field (`{ city: London,
 * country: GB }`, cut at SUMMARY_CHARS); a hover shows them whole (the
 * grid's NestedCell) and the record panel edits them. A summary rather than
 * sub-columns: records of one tree may nest different or optional fields, and
 * one column per stored field keeps the column menu, copies and filters on
 * plain field paths.
 */
import { constAndNull, describeConstOr, templateConstOr, typeIs, typeName, type JsonSchema } from './schema-shape.js';
import type { JsonValue, TemplateContext, ValueType } from './value-type.js';

export const SUMMARY_CHARS = 80;

export function summariseObject(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const fields = Object.entries(value);
  if (fields.length === 0) return '{}';
  const text = `{ ${fields.map(([name, field]) => `${name}: ${inline(field)}`).join(', ')} }`;
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

/** A field's value inside a summary: scalars as they read, nested objects and lists by their size. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return value.length <= 3 && value.every((item) => typeof item !== 'object' || item === null) ? `[${value.map(inline).join(', ')}]` : `[${value.length} items]`;
  if (typeof value === 'object' && value !== null) return `{${Object.keys(value).length} fields}`;
  return String(value);
}

/** Every required field, each with its own skeleton; optional fields are left for completion to offer. */
function requiredFields(schema: JsonSchema, context: TemplateContext): JsonValue {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const out: { [key: string]: JsonValue } = {};
  for (const [name, child] of Object.entries(properties)) {
    if (required.includes(name)) out[name] = context.child(child, name);
  }
  return out;
}

export const objectType: ValueType = {
  id: 'object',
  matches: (schema) => typeIs(schema, 'object'),
  text: summariseObject,
  describe: (schema) => describeConstOr(schema, () => typeName(schema)),
  template: (schema, context) => templateConstOr(schema, () => requiredFields(schema, context)),
  suggestions: constAndNull,
  width: 220,
};
