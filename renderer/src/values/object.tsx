/** Nested objects are summarised in a cell; the record panel shows them whole. */
import { PlainCell } from './PlainCell.js';
import { typeIs, type ValueType } from './value-type.js';

export function summariseObject(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const fields = Object.keys(value).length;
  return `{${fields} ${fields === 1 ? 'field' : 'fields'}}`;
}

export const objectType: ValueType = {
  id: 'object',
  matches: (schema) => typeIs(schema, 'object'),
  text: summariseObject,
  Cell: ({ value }) => <PlainCell kind="object" text={summariseObject(value)} title={JSON.stringify(value)} />,
  width: 100,
};
