/**
 * Every value type, most specific first: the first whose `matches` accepts a
 * schema describes it. Adding a type means adding a module and a line here.
 */
import { arrayType } from './array.js';
import { booleanType } from './boolean.js';
import { bytesType } from './bytes.js';
import { enumType } from './enum.js';
import { jsonType } from './json.js';
import { numberType } from './number.js';
import { objectType } from './object.js';
import { referenceListType } from './reference-list.js';
import { referenceType } from './reference.js';
import { stringType } from './string.js';
import { timestampType } from './timestamp.js';
import type { JsonSchema } from './schema-shape.js';
import type { ValueType } from './value-type.js';

export const VALUE_TYPES: readonly ValueType[] = [
  referenceType,
  referenceListType,
  bytesType,
  timestampType,
  enumType,
  booleanType,
  numberType,
  stringType,
  objectType,
  arrayType,
  jsonType,
];

export function valueTypeFor(schema: JsonSchema): ValueType {
  return VALUE_TYPES.find((type) => type.matches(schema)) ?? jsonType;
}
