/**
 * The one text form of a record's address: the tree, a slash, the key as JSON
 * (`users/42`, `toys/["rex","ball"]`, `sessions/"0191…"`). Tree names cannot
 * contain a slash, so the first slash splits. The engine's opaque face, the
 * host and the browser (history, links, URLs) all format and parse it here.
 */
import { loneSurrogateProblem } from './well-formed-text.js';

/** One component of a key: what LMDB's order-preserving encoding sorts well. */
export type KeyPart = string | number | boolean;
/** A key as plain data (parsed from text or JSON): a part, or a tuple of parts for composite keys. */
export type PlainKey = KeyPart | KeyPart[];

export interface KeyAddress<K = PlainKey> {
  readonly tree: string;
  readonly key: K;
}

export type KeyTextParse<K = PlainKey> = ({ readonly ok: true } & KeyAddress<K>) | { readonly ok: false; readonly problem: string };

export function formatKeyText(tree: string, key: KeyPart | readonly KeyPart[]): string {
  return `${tree}/${JSON.stringify(key)}`;
}

const isPart = (part: unknown): part is KeyPart => typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean';

/** A string, number or boolean, or a non-empty list of them. */
export function isPlainKey(value: unknown): value is PlainKey {
  return isPart(value) || (Array.isArray(value) && value.length > 0 && value.every(isPart));
}

/** Why `value` can be no tree's key (undefined when it can be one). */
export function plainKeyProblem(value: unknown): string | undefined {
  if (!isPlainKey(value)) return 'a key is a string, number, boolean or a list of them';
  for (const part of Array.isArray(value) ? value : [value]) {
    const problem = typeof part === 'string' ? loneSurrogateProblem(part) : undefined;
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The address in canonical text, or undefined for anything that is not `tree/<JSON key>` naming a possible key. */
export function keyAddressOf(text: string): KeyAddress | undefined {
  const parsed = parseKeyText(text);
  return parsed.ok ? { tree: parsed.tree, key: parsed.key } : undefined;
}

/**
 * Parses `tree/<key>`. The key is read with `readKey` (JSON by default, the
 * canonical form; the engine passes JSON5 so hand-typed `toys/['rex','ball']`
 * works too), then checked with the same rule everywhere.
 */
export function parseKeyText(text: string, readKey: (text: string) => unknown = JSON.parse): KeyTextParse {
  const slash = text.indexOf('/');
  if (slash <= 0) return { ok: false, problem: `'${text}' is not a key: expected tree/key, like users/42` };
  let key: unknown;
  try {
    key = readKey(text.slice(slash + 1));
  } catch (error) {
    return { ok: false, problem: `'${text}': the key after the slash is not JSON (${(error as Error).message})` };
  }
  // A lone surrogate cannot be shown as it is: that text is quoted as JSON, which escapes it.
  if (!isPlainKey(key)) return { ok: false, problem: `'${text}': a key is a string, number, boolean or a list of them` };
  const problem = plainKeyProblem(key);
  if (problem !== undefined) return { ok: false, problem: `${JSON.stringify(text)}: ${problem}` };
  return { ok: true, tree: text.slice(0, slash), key: key as PlainKey };
}
