/**
 * A value type knows how to recognise itself in a stored JSON Schema, how to
 * write a value as text and how to draw it in a grid cell. Shared code (the
 * column model, the table) only asks these questions; it never looks at a
 * type's name (STYLE.md 10).
 */
import type { ComponentType } from 'react';

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface CellProps {
  readonly value: unknown;
  readonly schema: JsonSchema;
}

export interface ValueType {
  /** For tests and CSS classes only; never for decisions. */
  readonly id: string;
  matches(schema: JsonSchema): boolean;
  /** The value as one line of text (cell tooltips, previews). */
  text(value: unknown, schema: JsonSchema): string;
  readonly Cell: ComponentType<CellProps>;
  /** Default column width in pixels. */
  readonly width: number;
  readonly align?: 'start' | 'end';
}

/** Markers the engine keeps in stored schemas. */
export { KIND_MARKER as KIND, REF_TARGET_MARKER as REF_TARGET } from '@trellis/engine/common/markers';

/** `anyOf: [X, {type: 'null'}]` (a nullable field) is described by X. */
export function withoutNull(schema: JsonSchema): JsonSchema {
  const branches = schema['anyOf'];
  if (!Array.isArray(branches)) return schema;
  const others = (branches as JsonSchema[]).filter((branch) => branch['type'] !== 'null');
  return others.length === 1 && others[0] ? { ...schema, ...others[0], anyOf: undefined } : schema;
}

export function typeIs(schema: JsonSchema, ...types: string[]): boolean {
  return types.includes(withoutNull(schema)['type'] as string);
}
