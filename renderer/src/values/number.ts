import { constAndNull, describeConstOr, templateConstOr, typeIs, typeName } from './schema-shape.js';
import type { ValueType } from './value-type.js';

// Exact, ungrouped digits: numbers here are often ids, and a database tool must not round.
export const numberText = (value: unknown): string => String(value);

export const numberType: ValueType = {
  id: 'number',
  matches: (schema) => typeIs(schema, 'number', 'integer'),
  text: numberText,
  describe: (schema) => describeConstOr(schema, () => typeName(schema)),
  // The smallest allowed number, so an untouched skeleton is valid where it can be.
  template: (schema) => templateConstOr(schema, () => (typeof schema['minimum'] === 'number' ? schema['minimum'] : 0)),
  suggestions: constAndNull,
  width: 100,
  align: 'end',
};
