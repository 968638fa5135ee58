/**
 * What the write path needs to know of a value's JSON text without writing it:
 * an upper bound of its length, and whether it can hold a lone surrogate or a
 * null (a list hole is written as null). Serialising every value only to ask
 * that was a tenth of an insert's time; a walk over the value answers it.
 */

/** Facts of a value made of JSON's own kinds only (strings, finite numbers, booleans, null, plain lists and objects). */
export interface JsonFacts {
  /** At least the length of the value's JSON text. */
  readonly maxChars: number;
  /** A string (or a field name) holds a UTF-16 surrogate, paired or not. */
  readonly surrogates: boolean;
  /** The text would hold `null`: a null, a list hole or an undefined list item, or a number JSON cannot write. */
  readonly nulls: boolean;
}

const SURROGATE = /[\ud800-\udfff]/;
/** The most a JSON number takes (`-1.2345678901234567e+308`). */
const NUMBER_CHARS = 24;

/**
 * The facts of `value`'s JSON text, or undefined when it holds anything else
 * (a Date, a Map, a function, a bigint, an object with `toJSON`): JSON.stringify's
 * own rules then decide, and the caller serialises. Stops as soon as the bound
 * passes `limit` (the answer then says only that). Iterative: the depth is checked elsewhere.
 */
export function jsonFacts(value: unknown, limit: number): JsonFacts | undefined {
  if (value === undefined) return undefined;
  let maxChars = 0;
  let surrogates = false;
  let nulls = false;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    if (maxChars > limit) return { maxChars, surrogates, nulls };
    const node = stack.pop();
    switch (typeof node) {
      case 'string':
        maxChars += node.length * 6 + 2; // every character escaped at worst (\u0000), and the quotes
        if (!surrogates && SURROGATE.test(node)) surrogates = true;
        continue;
      case 'number':
        maxChars += NUMBER_CHARS;
        if (!Number.isFinite(node)) nulls = true;
        continue;
      case 'boolean':
        maxChars += 5;
        continue;
      case 'object':
        break;
      default:
        return undefined;
    }
    if (node === null) {
      maxChars += 4;
      nulls = true;
      continue;
    }
    if (Array.isArray(node)) {
      maxChars += 2 + node.length;
      if (maxChars > limit) continue; // answered at the top of the loop, before any item is stacked
      for (let i = 0; i < node.length; i++) {
        if (!(i in node) || node[i] === undefined) {
          nulls = true;
          maxChars += 4;
        } else stack.push(node[i]);
      }
      continue;
    }
    const prototype = Object.getPrototypeOf(node) as unknown;
    if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in node) return undefined;
    maxChars += 2;
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (child === undefined) continue; // left out of the text
      if (typeof child === 'function' || typeof child === 'symbol') return undefined;
      maxChars += key.length * 6 + 4;
      if (!surrogates && SURROGATE.test(key)) surrogates = true;
      stack.push(child);
    }
  }
  return { maxChars, surrogates, nulls };
}
