/** A reference holds the target's key; the target tree is in the schema's `x-ref` marker. */
import { RefLink } from '../references/RefLink.js';
import { formatKeyText, isPlainKey } from '@trellis/engine/common/key-text';
import { KIND, REF_TARGET, type JsonSchema, type ValueType } from './value-type.js';

export function referenceText(value: unknown, schema: JsonSchema): string {
  const target = schema[REF_TARGET];
  return typeof target === 'string' && isPlainKey(value) ? formatKeyText(target, value) : JSON.stringify(value) ?? '';
}

export const referenceType: ValueType = {
  id: 'reference',
  matches: (schema) => schema[KIND] === 'ref',
  text: referenceText,
  Cell: ({ value, schema }) => <RefLink target={referenceText(value, schema)} />,
  width: 150,
};
