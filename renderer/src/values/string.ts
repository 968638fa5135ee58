import { constAndNull, describeConstOr, templateConstOr, typeIs, typeName } from './schema-shape.js';
import type { ValueType } from './value-type.js';

export const stringType: ValueType = {
  id: 'string',
  matches: (schema) => typeIs(schema, 'string'),
  text: (value) => String(value),
  describe: (schema) => describeConstOr(schema, () => typeName(schema)),
  template: (schema) => templateConstOr(schema, () => ''),
  suggestions: constAndNull,
  width: 200,
};
