/**
 * A key that carries its tree, with one canonical text form that parses back:
 * `users/42`, `toys/["rex","ball"]`, `sessions/"0191…"`. The part after the
 * first slash is the key as JSON (tree names cannot contain a slash).
 */
import JSON5 from 'json5';
import type { KeyValue } from '../schema/key-brand.js';
import { loneSurrogateProblem } from '../schema/well-formed-text.js';

export interface OpaqueKey {
  readonly tree: string;
  readonly key: KeyValue;
}

export class OpaqueKeyParseError extends Error {
  override readonly name = 'OpaqueKeyParseError';
}

export function formatOpaqueKey({ tree, key }: OpaqueKey): string {
  return `${tree}/${JSON.stringify(key)}`;
}

/** Parses the canonical form; JSON5 is accepted after the slash, so hand-typed `toys/['rex','ball']` works too. */
export function parseOpaqueKey(text: string): OpaqueKey {
  const slash = text.indexOf('/');
  if (slash <= 0) throw new OpaqueKeyParseError(`'${text}' is not a key: expected tree/key, like users/42`);
  const tree = text.slice(0, slash);
  let key: unknown;
  try {
    key = JSON5.parse(text.slice(slash + 1));
  } catch (error) {
    throw new OpaqueKeyParseError(`'${text}': the key after the slash is not JSON (${(error as Error).message})`);
  }
  const isPart = (p: unknown) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean';
  if (!isPart(key) && !(Array.isArray(key) && key.length > 0 && key.every(isPart))) {
    throw new OpaqueKeyParseError(`'${text}': a key is a string, number, boolean or a list of them`);
  }
  // No tree can hold such a key (see ../schema/well-formed-text.ts); the text is quoted as JSON, which escapes it.
  for (const part of Array.isArray(key) ? key : [key]) {
    const problem = typeof part === 'string' ? loneSurrogateProblem(part) : undefined;
    if (problem !== undefined) throw new OpaqueKeyParseError(`${JSON.stringify(text)}: ${problem}`);
  }
  return { tree, key: key as KeyValue };
}
