/** Anything no other type claims (unions, custom schemas): compact JSON. */
import { PlainCell } from './PlainCell.js';
import type { ValueType } from './value-type.js';

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

export const jsonType: ValueType = {
  id: 'json',
  matches: () => true,
  text,
  Cell: ({ value }) => <PlainCell kind="json" text={text(value)} />,
  width: 160,
};
