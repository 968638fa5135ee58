import { PlainCell } from './PlainCell.js';
import { withoutNull, type ValueType } from './value-type.js';

export const enumType: ValueType = {
  id: 'enum',
  matches: (schema) => Array.isArray(withoutNull(schema)['enum']),
  text: (value) => String(value),
  Cell: ({ value }) => <PlainCell kind="enum" text={String(value)} />,
  width: 110,
};
