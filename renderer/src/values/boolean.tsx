import { PlainCell } from './PlainCell.js';
import { typeIs, type ValueType } from './value-type.js';

export const booleanType: ValueType = {
  id: 'boolean',
  matches: (schema) => typeIs(schema, 'boolean'),
  text: (value) => (value ? 'true' : 'false'),
  Cell: ({ value }) => <PlainCell kind={value ? 'boolean-true' : 'boolean-false'} text={value ? '✓ true' : '✗ false'} />,
  width: 80,
};
