/** Timestamps travel as ISO 8601 UTC text; shown in UTC so every viewer reads the same instant. */
import { PlainCell } from './PlainCell.js';
import { KIND, withoutNull, type ValueType } from './value-type.js';

export function formatTimestamp(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${millis === '000' ? '' : `.${millis}`}`;
}

export const timestampType: ValueType = {
  id: 'timestamp',
  matches: (schema) => withoutNull(schema)[KIND] === 'timestamp',
  text: formatTimestamp,
  Cell: ({ value }) => <PlainCell kind="timestamp" text={formatTimestamp(value)} title={String(value)} />,
  width: 160,
};
