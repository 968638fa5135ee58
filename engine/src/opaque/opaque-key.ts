/**
 * A key that carries its tree, with one canonical text form that parses back
 * (`users/42`, `toys/["rex","ball"]`); the form itself lives in
 * ../common/key-text.ts, shared with the browser.
 */
import JSON5 from 'json5';
import { formatKeyText, parseKeyText } from '../common/key-text.js';
import type { KeyValue } from '../schema/key-brand.js';

export interface OpaqueKey {
  readonly tree: string;
  readonly key: KeyValue;
}

export class OpaqueKeyParseError extends Error {
  override readonly name = 'OpaqueKeyParseError';
}

export function formatOpaqueKey({ tree, key }: OpaqueKey): string {
  return formatKeyText(tree, key);
}

/** Parses the canonical form; JSON5 is accepted after the slash, so hand-typed `toys/['rex','ball']` works too. */
export function parseOpaqueKey(text: string): OpaqueKey {
  const parsed = parseKeyText(text, (key) => JSON5.parse(key));
  if (!parsed.ok) throw new OpaqueKeyParseError(parsed.problem);
  return { tree: parsed.tree, key: parsed.key };
}
