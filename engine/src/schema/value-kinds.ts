/**
 * Behaviour of the value types JSON has no form for. Each kind says how its
 * values look in code (native) and in JSON5 (text form), how to check a native
 * value, and how it is indexed. Code that walks schemas asks the kind; it never
 * switches on a type's name.
 */
import { KIND } from './values.js';

export interface ValueKind {
  /** Native → text form; returns an error message for a native value of the wrong sort. */
  toJson(value: unknown): { ok: true; json: unknown } | { ok: false; message: string };
  /** Text form (already schema-checked) → native; an error message when it does not decode. */
  fromJson(json: unknown): { ok: true; value: unknown } | { ok: false; message: string };
  /** What an index stores for this value (must be a key part). */
  toIndexPart(value: unknown): string | number | boolean | null;
  /** Why a value cannot be looked up in an index on this kind (undefined when it can): queries are not schema-checked. */
  queryProblem(value: unknown): string | undefined;
  /** A looked-up value given in text form (the opaque face) → native; lenient where a prefix of a form makes sense. */
  queryFromJson(json: unknown): unknown;
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;
/** Timestamps are kept to years 0000-9999, where ISO 8601 text has one fixed form. */
const MIN_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const timestamp: ValueKind = {
  toJson(value) {
    if (!(value instanceof Date)) return { ok: false, message: 'must be a Date' };
    const time = value.getTime();
    if (Number.isNaN(time)) return { ok: false, message: 'must be a valid Date (got Invalid Date)' };
    if (time < MIN_TIME || time > MAX_TIME) return { ok: false, message: 'must be between years 0000 and 9999' };
    return { ok: true, json: value.toISOString() };
  },
  fromJson(json) {
    const match = typeof json === 'string' ? ISO_UTC.exec(json) : null;
    if (!match) return { ok: false, message: 'must be an ISO 8601 UTC timestamp like 2024-05-01T12:00:00.000Z' };
    const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, Number((match[7] ?? '0').padEnd(3, '0')));
    // Date rolls 2024-02-30 over to March; a timestamp that does not exist is an error, not a guess.
    const exact = date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
    if (!exact) return { ok: false, message: `${json as string} is not a valid date and time` };
    return { ok: true, value: date };
  },
  toIndexPart: (value) => (value as Date).getTime(),
  queryProblem: (value) =>
    value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : 'must be a timestamp (a Date, or ISO 8601 text like 2024-05-01T12:00:00Z)',
  // Any text Date.parse reads ('2024-05-01', '2024-05-01T12:00Z'): a bound need not be a stored value's exact form.
  queryFromJson: (json) => (typeof json === 'string' ? new Date(json) : json),
};

const bytes: ValueKind = {
  toJson(value) {
    if (!(value instanceof Uint8Array)) return { ok: false, message: 'must be a Uint8Array' };
    return { ok: true, json: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  },
  fromJson(json) {
    if (typeof json !== 'string' || json.length % 4 !== 0) return { ok: false, message: 'must be base64 text (length a multiple of 4)' };
    const decoded = Buffer.from(json, 'base64');
    // Buffer.from ignores junk; re-encoding proves the text was canonical base64.
    if (decoded.toString('base64') !== json) return { ok: false, message: 'is not valid base64' };
    return { ok: true, value: new Uint8Array(decoded) };
  },
  toIndexPart: () => {
    throw new Error('bytes cannot be indexed');
  },
  queryProblem: () => 'bytes cannot be indexed',
  queryFromJson: (json) => json,
};

const kinds: Readonly<Record<string, ValueKind>> = { timestamp, bytes };

/** The kind behind a schema node, if it is one that needs conversion. */
export function valueKindOf(schema: Record<string, unknown>): ValueKind | undefined {
  const name = schema[KIND];
  return typeof name === 'string' ? kinds[name] : undefined;
}
