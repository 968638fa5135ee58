/**
 * The grid's column model, derived from a tree's stored schema: key column(s)
 * first (a composite key gets one per named field), then the value's
 * top-level fields in declaration order. Plain TypeScript; React only renders
 * it. Each column's value type comes from the value-type registry.
 */
import type { RecordEntry, TreeSummary } from '../../../../app/contract/index.js';
import { fieldLinksOf, type FieldLink } from '../../references/field-links.js';
import { valueTypeFor } from '../../values/registry.js';
import type { JsonSchema, ValueType } from '../../values/value-type.js';

export interface GridColumn {
  readonly id: string;
  readonly header: string;
  /** `path`: a path column the user added (path-columns.ts), its cells read from other records. */
  readonly role: 'key' | 'value' | 'path';
  readonly schema: JsonSchema;
  readonly type: ValueType;
  readonly width: number;
  /** The value's field path this column shows (`name`), for filters; absent for key columns and a whole value. */
  readonly path?: string;
  /**
   * References over existing fields whose link this column's cells carry (field-links.ts decides which field):
   * the cell of `stateCode` links to `states/["FR","IDF"]`, made of the row's countryCode and stateCode.
   */
  readonly fieldLinks?: readonly FieldLink[];
  /** A path column's path, whether it fans out, whether it ends at a whole record, and why it does not plan (a changed schema). */
  readonly pathColumn?: { readonly path: string; readonly many: boolean; readonly endsAtRecord: boolean; readonly problem?: string };
  /** The cell's value in an entry; undefined when the field is not set. */
  read(entry: RecordEntry): unknown;
}

export function columnsFor(tree: TreeSummary): GridColumn[] {
  const links = fieldLinksOf(tree);
  return [...keyColumns(tree), ...valueColumns(tree)].map((column) => {
    // A composite key's field shows in its key column, any other field in its value column.
    const field = column.path ?? (column.id.startsWith('key:') && tree.key.kind === 'composite' ? column.id.slice(4) : undefined);
    const carried = links.filter((link) => link.on === field);
    return carried.length > 0 ? { ...column, fieldLinks: carried } : column;
  });
}

/** The version column of a versioned tree (its keys' last part); `#` keeps it apart from a key field called `version`. */
export const VERSION_COLUMN = 'key:#version';

function keyColumns(tree: TreeSummary): GridColumn[] {
  // A versioned tree's key is the declared key's parts, then the version (TreeSummary.versioned): one column each.
  const parts = (tree.keySchema['prefixItems'] ?? []) as JsonSchema[];
  const partOf = (i: number) => (entry: RecordEntry) => (Array.isArray(entry.key) ? entry.key[i] : undefined);
  const version = tree.versioned ? [column(VERSION_COLUMN, 'version', 'key', parts.at(-1) ?? {}, partOf(parts.length - 1))] : [];
  if (tree.key.kind === 'composite') {
    return [...tree.key.fields.map((field, i) => column(`key:${field}`, field, 'key', parts[i] ?? {}, partOf(i))), ...version];
  }
  if (tree.versioned) return [column('key', `key · ${tree.key.kind}`, 'key', parts[0] ?? {}, partOf(0)), ...version];
  return [column('key', `key · ${tree.key.kind}`, 'key', tree.keySchema, (entry) => entry.key)];
}

function valueColumns(tree: TreeSummary): GridColumn[] {
  const properties = tree.value['properties'];
  if (typeof properties !== 'object' || properties === null) {
    return [column('value', 'value', 'value', tree.value, (entry) => entry.value)];
  }
  const inKey = new Set(tree.key.kind === 'composite' ? tree.key.fields : []);
  return Object.entries(properties as Record<string, JsonSchema>)
    .filter(([name]) => !inKey.has(name))
    .map(([name, schema]) => ({ ...column(`value:${name}`, name, 'value', schema, (entry) => fieldOf(entry.value, name)), path: name }));
}

function column(id: string, header: string, role: 'key' | 'value', schema: JsonSchema, read: GridColumn['read']): GridColumn {
  const type = valueTypeFor(schema);
  return { id, header, role, schema, type, width: role === 'key' ? Math.max(type.width, 90) : type.width, read };
}

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
