/**
 * The bulk import's input: items as NDJSON lines in the engine's transfer
 * format (`{"tree":"items","value":{…}}`, no key: the database gives it), cut
 * into chunks the way a file is read, and read back line by line by the
 * systems that have no importer of their own (raw lmdb, better-sqlite3).
 */
import type { Item } from './data.js';

/** About what a file read gives at a time. */
const CHUNK_CHARS = 1 << 20;

export function ndjsonChunks(items: readonly Item[]): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const value of items) {
    chunk += `${JSON.stringify({ tree: 'items', value })}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

/** Every item of the chunks, each line parsed (a line may span two chunks). */
export function* ndjsonItems(chunks: readonly string[]): Generator<Item> {
  let rest = '';
  for (const chunk of chunks) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      if (end > start) yield (JSON.parse(text.slice(start, end)) as { value: Item }).value;
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.trim()) yield (JSON.parse(rest) as { value: Item }).value;
}
