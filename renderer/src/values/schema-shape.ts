/**
 * Plain JSON Schema questions that every value type asks of its schema node
 * (nullable unions, `type`, `const`), kept apart so the types stay short.
 */
import type { JsonSchema, JsonValue, ValueSuggestion } from './value-type.js';

export type { JsonSchema };

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** Whether null is allowed here, including a nullable reference's own `anyOf`. */
export function allowsNull(schema: JsonSchema): boolean {
  if (schema['type'] === 'null' || (Array.isArray(schema['type']) && schema['type'].includes('null'))) return true;
  const anyOf = schema['anyOf'];
  return Array.isArray(anyOf) && anyOf.some((b) => isSchema(b) && allowsNull(b));
}

/** `type` as written: one name, several joined, or 'any' when absent. */
export function typeName(schema: JsonSchema): string {
  const type = schema['type'];
  return typeof type === 'string' ? type : Array.isArray(type) ? type.join(' | ') : 'any';
}

/** A `const` place is described by its one value, whatever its type. */
export function describeConstOr(schema: JsonSchema, otherwise: () => string): string {
  return 'const' in schema ? JSON.stringify(schema['const']) : otherwise();
}

/** A `const` place starts with its one value, whatever its type. */
export function templateConstOr(schema: JsonSchema, otherwise: () => JsonValue): JsonValue {
  return 'const' in schema ? (schema['const'] as JsonValue) : otherwise();
}

/** A `const` place offers its one value. */
export function constSuggestion(schema: JsonSchema): ValueSuggestion[] {
  return 'const' in schema ? [{ value: schema['const'], detail: 'the only allowed value' }] : [];
}

/** A place that allows null offers it. */
export function nullSuggestion(schema: JsonSchema): ValueSuggestion[] {
  return allowsNull(schema) ? [{ value: null, detail: 'no value' }] : [];
}

/** What any place offers: its `const`, then null where null is allowed. */
export function constAndNull(schema: JsonSchema): ValueSuggestion[] {
  return [...constSuggestion(schema), ...nullSuggestion(schema)];
}
