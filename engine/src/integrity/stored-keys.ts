/**
 * Comparing and showing keys as storage sees them. Equality is by encoded
 * bytes, the identity LMDB uses: a one-element tuple equals its bare element,
 * and a Buffer read back equals the Uint8Array written.
 */
import { safeStringify } from '../errors.js';
import { encodeKey } from '../storage/key-encoding.js';
import type { StoredKey } from '../storage/backend.js';
import type { KeyPart } from '../schema/key-brand.js';

export function sameStoredKey(a: unknown, b: unknown): boolean {
  try {
    return encodeKey(a).equals(encodeKey(b));
  } catch {
    return false;
  }
}

/** A stored tuple as parts (lmdb returns a one-element tuple as the bare element). */
export function storedParts(stored: StoredKey | unknown): KeyPart[] {
  return (Array.isArray(stored) ? stored : [stored]) as KeyPart[];
}

/** A key or tuple for a message: JSON, shortened. */
export const showKey = (key: unknown): string => safeStringify(key);

