import { PlainCell } from './PlainCell.js';
import { typeIs, type ValueType } from './value-type.js';

// Exact, ungrouped digits: numbers here are often ids, and a database tool must not round.
const text = (value: unknown) => String(value);

export const numberType: ValueType = {
  id: 'number',
  matches: (schema) => typeIs(schema, 'number', 'integer'),
  text,
  Cell: ({ value }) => <PlainCell kind="number" text={text(value)} />,
  width: 100,
  align: 'end',
};
