/**
 * A record's display label: what a person calls it ("Grace Hopper", "Abu
 * Dhabi") where the key (`people/2`, `states/["AE","AZ"]`) says nothing.
 *
 * A tree may name its label field(s) in its declaration (`label: 'name'`,
 * stored in the catalog). Otherwise the first top-level field called one of
 * LABEL_FIELD_NAMES (in that order of preference), else the first top-level
 * plain string field, labels it; a tree with neither has no label and shows
 * its key. The engine, the host (labels of references, search) and the
 * browser all decide with this one module.
 */
import { markedKindOf } from './markers.js';

type SchemaLike = Readonly<Record<string, unknown>>;

/** Field names that usually name a record, most telling first (matched without regard to case). */
export const LABEL_FIELD_NAMES = ['name', 'title', 'label', 'displayName', 'fullName', 'caption', 'subject', 'heading'] as const;

/** A label is for reading in a cell or a menu: longer text is cut here, with an ellipsis. */
export const MAX_LABEL_CHARS = 80;

/** Between the values of a label made of several fields. */
export const LABEL_SEPARATOR = ' · ';

/** What deciding a tree's label needs: its value schema and the declared label, if any. */
export interface LabelledTree {
  readonly value: SchemaLike;
  readonly label?: readonly string[];
}

/** The field paths that label a tree's records: the declared ones, else the heuristic's one, else none. */
export function labelFieldsOf(tree: LabelledTree): readonly string[] {
  if (tree.label && tree.label.length > 0) return tree.label;
  const properties = propertiesOf(tree.value);
  const named = Object.keys(properties).filter((name) => isLabelSchema(properties[name]!));
  for (const preferred of LABEL_FIELD_NAMES) {
    const found = named.find((name) => name.toLowerCase() === preferred.toLowerCase());
    if (found) return [found];
  }
  const firstString = named.find((name) => isPlainString(properties[name]!));
  return firstString ? [firstString] : [];
}

/**
 * The label of a value: its label fields' values, joined, cut to
 * MAX_LABEL_CHARS; undefined when none of them holds text or a number (the
 * caller shows the key then).
 */
export function labelOf(value: unknown, fields: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const field of fields) {
    const part = fieldText(valueAt(value, field));
    if (part !== undefined) parts.push(part);
  }
  const text = parts.join(LABEL_SEPARATOR).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}…` : text;
}

/**
 * Whether a schema node can label a record: text, a number or a boolean
 * (nullable or an enum too), never a reference, timestamp, bytes, list or
 * object. The catalog check and the declaration refuse anything else.
 */
export function isLabelSchema(schema: SchemaLike): boolean {
  if (markedKindOf(schema) !== undefined) return false;
  const branches = Array.isArray(schema['anyOf']) ? (schema['anyOf'] as SchemaLike[]) : [schema];
  const scalar = branches.filter((b) => b['type'] !== 'null');
  return scalar.length > 0 && scalar.every((b) => markedKindOf(b) === undefined && (['string', 'number', 'integer', 'boolean'].includes(b['type'] as string) || b['enum'] !== undefined || b['const'] !== undefined));
}

/** The schema node at a dotted field path (`address.city`), through object properties only. */
export function schemaAtField(schema: SchemaLike, path: string): SchemaLike | undefined {
  let node: SchemaLike | undefined = schema;
  for (const segment of path.split('.')) {
    node = node ? propertiesOf(node)[segment] : undefined;
  }
  return node;
}

/** Text folded for matching: lower case, accents dropped ("Île" matches "ile"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function isPlainString(schema: SchemaLike): boolean {
  return schema['type'] === 'string' && schema['enum'] === undefined && markedKindOf(schema) === undefined;
}

function propertiesOf(schema: SchemaLike): Readonly<Record<string, SchemaLike>> {
  const properties = schema['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, SchemaLike>) : {};
}

function valueAt(value: unknown, path: string): unknown {
  let node = value;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
