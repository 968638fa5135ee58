/** Anything no other type claims (unions, custom schemas): compact JSON. */
import { constAndNull, describeConstOr, templateConstOr, typeName } from './schema-shape.js';
import type { ValueType } from './value-type.js';

export const jsonText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

export const jsonType: ValueType = {
  id: 'json',
  matches: () => true,
  text: jsonText,
  describe: (schema) => describeConstOr(schema, () => typeName(schema)),
  // Nothing known to build: null, which validation then points at.
  template: (schema) => templateConstOr(schema, () => null),
  suggestions: constAndNull,
  width: 160,
};
