/** A list of references: the cell links the first few (grid/cells); as text, every key. */
import { describeList, listTemplate } from './array.js';
import { isReference, referenceText } from './reference.js';
import { constAndNull, withoutNull, type JsonSchema } from './schema-shape.js';
import type { ValueType } from './value-type.js';

export const referenceItemSchema = (schema: JsonSchema): JsonSchema => (withoutNull(schema)['items'] ?? {}) as JsonSchema;

export const referenceListType: ValueType = {
  id: 'reference-list',
  matches: (schema) => withoutNull(schema)['type'] === 'array' && isReference(referenceItemSchema(schema)),
  text: (value, schema) => (Array.isArray(value) ? value.map((key) => referenceText(key, referenceItemSchema(schema))).join(', ') : String(value)),
  describe: describeList,
  template: listTemplate,
  suggestions: constAndNull,
  width: 220,
};
