/**
 * A value type knows how to recognise itself in a stored JSON Schema, how to
 * write a value as text, what a new record holds in its place, how to describe
 * it and what to offer while typing one. Shared code (the column model, the
 * table, the editor) only asks these questions; it never looks at a type's
 * name (STYLE.md 10). Headless: the grid alone maps each type to its React
 * cell (grid/cells/cell-for.ts), so the editor and the column model stay
 * plain TypeScript.
 */

/** A node of a stored JSON Schema, read as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What building a new record's skeleton offers a value type. */
export interface TemplateContext {
  readonly now: Date;
  /** Leave a comment after this place's value (the editor prints it). */
  note(text: string): void;
  /** The skeleton of a nested place: an object's field or a list's item. */
  child(schema: JsonSchema, segment: string | number): JsonValue;
}

/** A value to offer at a place, with a word on why. */
export interface ValueSuggestion {
  readonly value: unknown;
  readonly detail: string;
}

export interface ValueType {
  /** For tests and CSS classes only; never for decisions. */
  readonly id: string;
  matches(schema: JsonSchema): boolean;
  /** The value as one line of text (cell tooltips, previews). */
  text(value: unknown, schema: JsonSchema): string;
  /** A short description of what a place holds (completion details); `describeInner` describes nested schemas. */
  describe(schema: JsonSchema, describeInner: (inner: JsonSchema) => string): string;
  /** The value a new record starts with in this place. */
  template(schema: JsonSchema, context: TemplateContext): JsonValue;
  /** Values to offer while the user types one here, most likely first. */
  suggestions(schema: JsonSchema, now: Date): ValueSuggestion[];
  /** Default column width in pixels. */
  readonly width: number;
  readonly align?: 'start' | 'end';
}
