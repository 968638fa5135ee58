import { PlainCell } from './PlainCell.js';
import { typeIs, type ValueType } from './value-type.js';

export const stringType: ValueType = {
  id: 'string',
  matches: (schema) => typeIs(schema, 'string'),
  text: (value) => String(value),
  Cell: ({ value }) => <PlainCell kind="string" text={String(value)} />,
  width: 200,
};
