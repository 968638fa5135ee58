import { PlainCell } from './PlainCell.js';
import { typeIs, type ValueType } from './value-type.js';

export function summariseArray(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
}

export const arrayType: ValueType = {
  id: 'array',
  matches: (schema) => typeIs(schema, 'array'),
  text: summariseArray,
  Cell: ({ value }) => <PlainCell kind="array" text={summariseArray(value)} title={JSON.stringify(value)} />,
  width: 100,
};
