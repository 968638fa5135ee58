/** Bytes travel as base64 text; the cell shows the size and the first bytes in hex. */
import { markedKindOf } from '@trellis/engine/common/markers';
import { constAndNull, withoutNull } from './schema-shape.js';
import type { ValueType } from './value-type.js';

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
  matches: (schema) => markedKindOf(withoutNull(schema)) === 'bytes',
  text: describeBytes,
  describe: () => 'bytes (base64 text)',
  // Empty bytes: valid base64, and the user pastes the real content.
  template: () => '',
  suggestions: constAndNull,
  width: 230,
};
