/**
 * OpaqueKey text (`users/42`, `labels/[3,"bug"]`): the one way the renderer
 * names a record, in history, links and data attributes. Mirrors the engine's
 * canonical form (tree, a slash, the key as JSON), which cannot be imported
 * here because the engine's runtime stays out of the renderer.
 */
import type { JsonKey } from '../../../app/contract/index.js';

export interface RecordAddress {
  readonly tree: string;
  readonly key: JsonKey;
}

export function recordText(tree: string, key: JsonKey): string {
  return `${tree}/${JSON.stringify(key)}`;
}

/** Parses canonical text; undefined for anything that is not `tree/<JSON key>`. */
export function parseRecordText(text: string): RecordAddress | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0) return undefined;
  try {
    const key: unknown = JSON.parse(text.slice(slash + 1));
    return isJsonKey(key) ? { tree: text.slice(0, slash), key } : undefined;
  } catch {
    return undefined;
  }
}

export function isJsonKey(value: unknown): value is JsonKey {
  const isPart = (part: unknown) => typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean';
  return isPart(value) || (Array.isArray(value) && value.length > 0 && value.every(isPart));
}
