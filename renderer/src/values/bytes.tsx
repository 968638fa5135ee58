/** Bytes travel as base64 text; the cell shows the size and the first bytes in hex. */
import { PlainCell } from './PlainCell.js';
import { KIND, withoutNull, type ValueType } from './value-type.js';

const PREVIEW_BYTES = 8;

export function describeBytes(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  let binary: string;
  try {
    binary = atob(value);
  } catch {
    return `invalid base64 (${value.length} chars)`;
  }
  const hex = Array.from(binary.slice(0, PREVIEW_BYTES), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
  return `${formatSize(binary.length)} · ${hex}${binary.length > PREVIEW_BYTES ? ' …' : ''}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export const bytesType: ValueType = {
  id: 'bytes',
  matches: (schema) => withoutNull(schema)[KIND] === 'bytes',
  text: describeBytes,
  Cell: ({ value }) => <PlainCell kind="bytes" text={describeBytes(value)} />,
  width: 230,
};
