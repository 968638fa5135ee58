/**
 * Decoded raw values as text to read: JSON5 where the value is JSON-like
 * (identifier keys unquoted, strings in double quotes), with readable forms for
 * what JSON has no words for (dates, bytes, maps, sets, big integers, symbols).
 * Stops at `maxChars` and says so, so a 100 MB value costs what it shows.
 */

export interface PrintOptions {
  readonly maxChars: number;
  /** Spaces per level; 0 prints on one line. */
  readonly indent?: number;
}

export interface Printed {
  readonly text: string;
  readonly truncated: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_DEPTH = 64;
const SHORT_LIST = 8;

function isScalar(value: unknown): boolean {
  if (typeof value === 'string') return value.length < 40;
  return value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
}

class Cut extends Error {}

export function printRaw(value: unknown, options: PrintOptions): Printed {
  const parts: string[] = [];
  let length = 0;
  const indent = options.indent ?? 0;
  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
    if (length > options.maxChars) throw new Cut();
  };
  const newline = (depth: number) => (indent > 0 ? emit(`\n${' '.repeat(indent * depth)}`) : undefined);
  const list = (open: string, close: string, count: number, item: (i: number) => void, depth: number) => {
    if (count === 0) return emit(`${open}${close}`);
    emit(open);
    for (let i = 0; i < count; i++) {
      if (i > 0) emit(indent > 0 ? ',' : ', ');
      newline(depth + 1);
      item(i);
    }
    newline(depth);
    emit(close);
  };
  const write = (v: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return emit('…');
    if (v === null || v === undefined || typeof v === 'boolean') return emit(String(v));
    if (typeof v === 'number') return emit(Object.is(v, -0) ? '-0' : String(v));
    if (typeof v === 'bigint') return emit(`${v}n`);
    if (typeof v === 'string') return emit(JSON.stringify(v));
    if (typeof v === 'symbol') return emit(`Symbol(${v.description ?? ''})`);
    if (typeof v === 'function') return emit('function');
    if (v instanceof Date) return emit(Number.isNaN(v.getTime()) ? 'Date(invalid)' : `Date(${v.toISOString()})`);
    if (v instanceof Uint8Array) return emit(`bytes(${Buffer.from(v.buffer, v.byteOffset, Math.min(v.byteLength, options.maxChars)).toString('hex')})`);
    if (Array.isArray(v)) {
      // Short lists of scalars stay on one line, as the record editor writes them.
      if (indent > 0 && v.length <= SHORT_LIST && v.every(isScalar)) return emit(printRaw(v, { maxChars: options.maxChars }).text);
      return list('[', ']', v.length, (i) => write(v[i], depth + 1), depth);
    }
    if (v instanceof Map) {
      const entries = [...v.entries()];
      return list('Map {', '}', entries.length, (i) => {
        write(entries[i]![0], depth + 1);
        emit(' => ');
        write(entries[i]![1], depth + 1);
      }, depth);
    }
    if (v instanceof Set) {
      const items = [...v];
      return list('Set [', ']', items.length, (i) => write(items[i], depth + 1), depth);
    }
    const fields = Object.keys(v);
    return list('{', '}', fields.length, (i) => {
      const name = fields[i]!;
      emit(`${IDENTIFIER.test(name) ? name : JSON.stringify(name)}: `);
      write((v as Record<string, unknown>)[name], depth + 1);
    }, depth);
  };
  try {
    write(value, 0);
    return { text: parts.join(''), truncated: false };
  } catch (error) {
    if (!(error instanceof Cut)) throw error;
    return { text: `${parts.join('').slice(0, options.maxChars)}…`, truncated: true };
  }
}
