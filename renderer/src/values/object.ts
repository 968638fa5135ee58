/** Nested objects are summarised in a cell; the record panel shows them whole. */
import { constAndNull, describeConstOr, templateConstOr, typeIs, typeName, type JsonSchema } from './schema-shape.js';
import type { JsonValue, TemplateContext, ValueType } from './value-type.js';

export function summariseObject(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const fields = Object.keys(value).length;
  return `{${fields} ${fields === 1 ? 'field' : 'fields'}}`;
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
  width: 100,
};
