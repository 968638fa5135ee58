import { PlainCell } from './PlainCell.js';
import { typeIs, type ValueType } from './value-type.js';

const text = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(value));

export const numberType: ValueType = {
  id: 'number',
  matches: (schema) => typeIs(schema, 'number', 'integer'),
  text,
  Cell: ({ value }) => <PlainCell kind="number" text={text(value)} title={String(value)} />,
  width: 100,
  align: 'end',
};
