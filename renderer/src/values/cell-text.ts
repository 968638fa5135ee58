/**
 * A value as one cell of a CSV file and back (export and import). Text goes
 * as it is; everything else as its JSON text, which reads back exactly. Kept
 * here because it asks what a schema's type is, which only values/ may.
 */
import { allowsNull, typeIs, type JsonSchema } from './schema-shape.js';

/** The cell's text: '' for an absent value, a string as it is, anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The value a cell's text stands for at a place of this schema: text for a
 * text place (timestamps and bytes are text too), a number or boolean where
 * the text is one, JSON for lists, objects and composite references. An empty
 * cell is empty text in a required text field, null where null is allowed,
 * else absent (undefined). Text that does not read as the place's type stays
 * text, so the check names it.
 */
export function valueFromCell(text: string, schema: JsonSchema, required: boolean): unknown {
  if (text === '') {
    if (required && typeIs(schema, 'string')) return '';
    return allowsNull(schema) ? null : undefined;
  }
  if (typeIs(schema, 'string')) return text;
  if (text === 'null' && allowsNull(schema)) return null; // cellText's null, in a place that is not text
  if (typeIs(schema, 'number', 'integer')) {
    const number = Number(text.trim());
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  }
  if (typeIs(schema, 'boolean')) {
    const word = text.trim().toLowerCase();
    return word === 'true' ? true : word === 'false' ? false : text;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
