/**
 * What users type as keys and index values is JSON5 (`42`, `"abc"`,
 * `[1, 'x']`). A bare word that is not JSON5 is taken as a string, so typing
 * `alice` works as well as `"alice"`.
 */
import { evaluate, parse } from '@humanwhocodes/momoa';
import { isPlainKey } from '@trellis/engine/common/key-text';
import type { JsonKey } from '../../../app/contract/index.js';

export function parseUserValue(text: string): unknown {
  const trimmed = text.trim();
  try {
    return evaluate(parse(trimmed, { mode: 'json5' }));
  } catch {
    return trimmed;
  }
}

export type KeyInput = { readonly ok: true; readonly key: JsonKey } | { readonly ok: false; readonly reason: string };

export function parseUserKey(text: string): KeyInput {
  if (!text.trim()) return { ok: false, reason: 'Type a key, e.g. 42, "abc" or [1, "x"]' };
  const value = parseUserValue(text);
  return isPlainKey(value) ? { ok: true, key: value } : { ok: false, reason: `${text.trim()} is not a key: a key is a string, number, boolean or a list of them` };
}
