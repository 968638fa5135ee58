/**
 * Values as text in error messages: JSON-like, never a throw, never longer than a line should be.
 * Kept apart from ../errors.ts, which every error class needs, so it stays small.
 */

/** JSON-like text for messages; NaN, ±Infinity and BigInts are shown as themselves, not as `null` or a throw. */
export function safeStringify(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) =>
      (typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'bigint' ? `${UNQUOTED}${String(v)}${typeof v === 'bigint' ? 'n' : ''}${UNQUOTED}` : v,
    )?.replace(UNQUOTED_PATTERN, '$1');
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return shallowText(value);
  }
}

/** Text for what JSON cannot write (too deep, circular): String() recurses into nested lists too, so only the first level. */
function shallowText(value: unknown): string {
  if (Array.isArray(value)) return `[a list of ${value.length}]`;
  if (typeof value === 'object' && value !== null) return `{${Object.keys(value).slice(0, 8).join(', ')}}`;
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

const UNQUOTED = '\u0000';
/** A marked string as JSON.stringify writes it: "\u0000text\u0000". */
const UNQUOTED_PATTERN = /"\\u0000(NaN|-?Infinity|-?\d+n)\\u0000"/g;
