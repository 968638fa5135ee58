/** Timestamps travel as ISO 8601 UTC text; shown in UTC so every viewer reads the same instant. */
import { markedKindOf } from '@trellis/engine/common/markers';
import { constAndNull, withoutNull } from './schema-shape.js';
import type { ValueType } from './value-type.js';

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
  matches: (schema) => markedKindOf(withoutNull(schema)) === 'timestamp',
  text: formatTimestamp,
  describe: () => 'timestamp (ISO text)',
  template: (_schema, context) => context.now.toISOString(),
  suggestions: (schema, now) => [...constAndNull(schema), { value: now.toISOString(), detail: 'now (UTC)' }],
  width: 160,
};
