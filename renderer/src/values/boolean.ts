import { constSuggestion, describeConstOr, nullSuggestion, templateConstOr, typeIs, typeName } from './schema-shape.js';
import type { ValueType } from './value-type.js';

export const booleanType: ValueType = {
  id: 'boolean',
  matches: (schema) => typeIs(schema, 'boolean'),
  text: (value) => (value ? 'true' : 'false'),
  describe: (schema) => describeConstOr(schema, () => typeName(schema)),
  template: (schema) => templateConstOr(schema, () => false),
  suggestions: (schema) => [
    ...constSuggestion(schema),
    { value: true, detail: 'boolean' },
    { value: false, detail: 'boolean' },
    ...nullSuggestion(schema),
  ],
  width: 80,
};
