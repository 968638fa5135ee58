/** A closed set of allowed values (`enum`), whatever their JSON type. */
import { constAndNull, withoutNull, type JsonSchema } from './schema-shape.js';
import type { JsonValue, ValueType } from './value-type.js';

const members = (schema: JsonSchema): unknown[] => (Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : []);

export const enumType: ValueType = {
  id: 'enum',
  matches: (schema) => Array.isArray(withoutNull(schema)['enum']),
  text: (value) => String(value),
  describe: (schema) => members(schema).map((member) => JSON.stringify(member)).join(' | '),
  // The first member; an empty enum admits nothing, so its const or null.
  template: (schema) => {
    const [first] = members(schema);
    if (first !== undefined) return first as JsonValue;
    return 'const' in schema ? (schema['const'] as JsonValue) : null;
  },
  suggestions: (schema) => [...members(schema).map((value) => ({ value, detail: 'allowed value' })), ...constAndNull(schema)],
  width: 110,
};
