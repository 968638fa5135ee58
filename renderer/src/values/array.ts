import { constAndNull, describeConstOr, isSchema, templateConstOr, typeIs, typeName, type JsonSchema } from './schema-shape.js';
import type { JsonValue, TemplateContext, ValueType } from './value-type.js';

export function summariseArray(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
}

/** `list of <item>`, or the bare type when the items are not described. */
export function describeList(schema: JsonSchema, describeInner: (inner: JsonSchema) => string): string {
  const items = schema['items'];
  return describeConstOr(schema, () => (isSchema(items) ? `list of ${describeInner(items)}` : typeName(schema)));
}

/** As many item skeletons as `minItems` asks for (none by default). */
export function listTemplate(schema: JsonSchema, context: TemplateContext): JsonValue {
  return templateConstOr(schema, () => {
    const items = schema['items'];
    const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
    if (typeof items !== 'object' || items === null) return [];
    return Array.from({ length: min }, (_, i) => context.child(items as JsonSchema, i));
  });
}

export const arrayType: ValueType = {
  id: 'array',
  matches: (schema) => typeIs(schema, 'array'),
  text: summariseArray,
  describe: describeList,
  template: listTemplate,
  suggestions: constAndNull,
  width: 100,
};
