/**
 * A tree's schema as the schema view shows it: its key strategy, every field
 * of its value (nested objects and objects in lists indented under their
 * parent), its indexes and the references out of it and into it, all read
 * from the catalog the database keeps about itself. Plain TypeScript; the
 * view only renders these rows. What a place holds is described by the value
 * types (values/), so this only walks the schema.
 */
import type { DatabaseInfo, TreeSummary } from '../../../../app/contract/index.js';
import type { OnDelete } from '@trellis/engine/common/catalog';
import { markedKindOf } from '@trellis/engine/common/markers';
import { branches, describeSchema } from '../../editor/schema/schema-nav.js';
import { allowsNull, isSchema, type JsonSchema } from '../../values/schema-shape.js';

export interface KeyRow {
  /** `Auto-increment`, `Composite`, `Custom`, … */
  readonly strategy: string;
  /** What the strategy means for this tree, e.g. `(country, code)`, `integer, given on insert`. */
  readonly detail: string;
  /** The value fields the key is made of (composite keys), in key order. */
  readonly fields: readonly string[];
}

export interface ReferenceInfo {
  /** The tree at the other end: the target for a reference out, the holder for one in. */
  readonly tree: string;
  /** Where the reference sits in the holder's value (`owner`, `watchers[]`, `address.owner`). */
  readonly path: string;
  readonly onDelete: OnDelete;
  /** A list of references. */
  readonly many: boolean;
  /** A reference over existing fields: `path` is its name, and these fields' values make the target's key. */
  readonly fields?: readonly string[];
}

export interface FieldRow {
  /** Dotted path from the value's root, `[]` for list items: `details.tags`, `timezones[].zoneName`. */
  readonly path: string;
  readonly name: string;
  /** 0 for the value's own fields, one more per object they sit in. */
  readonly depth: number;
  /** What the field holds, as the editor's completion describes it (`string`, `"todo" | "done"`, `key of people`). */
  readonly type: string;
  readonly required: boolean;
  readonly nullable: boolean;
  /** JSON Schema restrictions beyond the type: `min length 1`, `≥ 0`, `pattern ^[A-Z]+$`. */
  readonly constraints: readonly string[];
  /** 1-based place in a composite key, when the field is part of it. */
  readonly keyPart?: number;
  readonly reference?: ReferenceInfo;
  /** The references over existing fields this field is one of (`countryCode` in `state (countryCode, stateCode)`). */
  readonly partOf: readonly ReferenceInfo[];
  /** Names of the indexes on this field. */
  readonly indexes: readonly string[];
}

export interface IndexRow {
  readonly name: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
  /** A computed index: its values come from a function of the application, of this JSON type (e.g. 'string'). */
  readonly computed?: { readonly type: string; readonly version: number } | undefined;
}

export interface SchemaSheet {
  readonly tree: string;
  readonly count: number;
  readonly key: KeyRow;
  readonly fields: readonly FieldRow[];
  readonly indexes: readonly IndexRow[];
  readonly referencesOut: readonly ReferenceInfo[];
  readonly referencesIn: readonly ReferenceInfo[];
}

/** The schema sheet of `tree`, with references into it resolved against the other trees of `database`. */
export function schemaSheet(tree: TreeSummary, database: Pick<DatabaseInfo, 'trees'>): SchemaSheet {
  const referencesOut = tree.references.map(({ path, target, onDelete, many, fields }) => ({ tree: target, path, onDelete, many, ...(fields ? { fields } : {}) }));
  return {
    tree: tree.name,
    count: tree.count,
    key: keyRow(tree),
    fields: fieldRows(tree, referencesOut),
    indexes: tree.indexes.map(({ name, on, unique, computed }) => ({ name, fields: on, unique, computed: computed && { type: schemaTypeText(computed.schema), version: computed.version } })),
    referencesOut,
    referencesIn: referencesInto(tree, database),
  };
}

export function keyRow(tree: Pick<TreeSummary, 'key' | 'keySchema'>): KeyRow {
  const key = tree.key;
  switch (key.kind) {
    case 'auto':
      return { strategy: 'Auto-increment', detail: 'integer, given on insert', fields: [] };
    case 'composite':
      return { strategy: 'Composite', detail: `(${key.fields.join(', ')})`, fields: key.fields };
    case 'custom':
      // The application's key function is code the database does not hold: only the key's shape is known.
      return { strategy: 'Custom', detail: `${describeSchema(tree.keySchema)}, made by the application's key function`, fields: [] };
    case 'uuid':
      return { strategy: 'UUID', detail: 'random, given on insert', fields: [] };
    case 'hash':
      return { strategy: 'Hash', detail: 'of the value, given on insert', fields: [] };
  }
}

/** One line for a key strategy, as the sidebar and the diagram's boxes show it. */
export function keySummary(tree: Pick<TreeSummary, 'key' | 'keySchema'>): string {
  const row = keyRow(tree);
  return row.fields.length > 0 ? `${row.strategy.toLowerCase()} ${row.detail}` : row.strategy.toLowerCase();
}

function fieldRows(tree: TreeSummary, references: readonly ReferenceInfo[]): FieldRow[] {
  const keyFields = tree.key.kind === 'composite' ? tree.key.fields : [];
  const rows: FieldRow[] = [];
  const visit = (schema: JsonSchema, prefix: string, depth: number) => {
    for (const { name, required, child } of fieldsOf(schema)) {
      const path = prefix ? `${prefix}.${name}` : name;
      const keyAt = keyFields.indexOf(path);
      const reference = references.find((r) => !r.fields && (r.path === path || r.path === `${path}[]`));
      // Fields of a reference over existing fields are top-level fields of the value.
      const partOf = depth === 0 ? references.filter((r) => r.fields?.includes(path)) : [];
      rows.push({
        path,
        name,
        depth,
        type: describeSchema(child),
        required,
        nullable: allowsNull(child),
        constraints: constraintsOf(child),
        ...(keyAt >= 0 ? { keyPart: keyAt + 1 } : {}),
        ...(reference ? { reference } : {}),
        partOf,
        indexes: tree.indexes.filter((index) => index.on.some((on) => on === path || on === `${path}[]`)).map((index) => index.name),
      });
      for (const inner of nestedObjects(child, path)) visit(inner.schema, inner.path, depth + 1);
    }
  };
  visit(tree.value, '', 0);
  return rows;
}

/** The fields an object schema declares, merged over its union branches, in declaration order. */
function fieldsOf(schema: JsonSchema): { name: string; required: boolean; child: JsonSchema }[] {
  const fields = new Map<string, { name: string; required: boolean; child: JsonSchema }>();
  for (const branch of branches(schema)) {
    const properties = branch['properties'];
    if (!isSchema(properties)) continue;
    const required = Array.isArray(branch['required']) ? (branch['required'] as unknown[]) : [];
    for (const [name, child] of Object.entries(properties)) {
      if (isSchema(child) && !fields.has(name)) fields.set(name, { name, required: required.includes(name), child });
    }
  }
  return [...fields.values()];
}

/**
 * The objects whose fields sit under a field: the field itself when it is an object, its items when
 * it is a list of objects (`timezones[]`). A marked value (a reference, a timestamp) is one value:
 * a composite reference carries its target's key schema, which has no fields of its own.
 */
function nestedObjects(schema: JsonSchema, path: string): { schema: JsonSchema; path: string }[] {
  if (markedKindOf(schema) !== undefined) return [];
  const found: { schema: JsonSchema; path: string }[] = [];
  for (const branch of branches(schema)) {
    if (markedKindOf(branch) !== undefined) continue;
    if (isSchema(branch['properties'])) found.push({ schema: branch, path });
    const items = branch['items'];
    if (isSchema(items)) found.push(...nestedObjects(items, `${path}[]`));
  }
  return found;
}

/** JSON Schema keywords that restrict a value beyond its type, each as a short phrase. */
const CONSTRAINTS: readonly [keyword: string, phrase: (value: unknown) => string][] = [
  ['minLength', (n) => `min length ${String(n)}`],
  ['maxLength', (n) => `max length ${String(n)}`],
  ['pattern', (p) => `pattern ${String(p)}`],
  ['format', (f) => `format ${String(f)}`],
  ['minimum', (n) => `≥ ${String(n)}`],
  ['exclusiveMinimum', (n) => `> ${String(n)}`],
  ['maximum', (n) => `≤ ${String(n)}`],
  ['exclusiveMaximum', (n) => `< ${String(n)}`],
  ['multipleOf', (n) => `multiple of ${String(n)}`],
  ['minItems', (n) => `min items ${String(n)}`],
  ['maxItems', (n) => `max items ${String(n)}`],
  ['uniqueItems', (u) => (u === true ? 'unique items' : '')],
  ['minProperties', (n) => `min fields ${String(n)}`],
  ['maxProperties', (n) => `max fields ${String(n)}`],
  ['default', (d) => `default ${JSON.stringify(d)}`],
];

/** The restrictions of a field (through a nullable union), e.g. `['min length 1', 'max length 2']`. */
export function constraintsOf(schema: JsonSchema): string[] {
  const phrases: string[] = [];
  for (const branch of branches(schema)) {
    // A timestamp's `format: date-time` is what makes it a timestamp, not a restriction to list.
    if (markedKindOf(branch) !== undefined) continue;
    for (const [keyword, phrase] of CONSTRAINTS) {
      if (keyword in branch) phrases.push(phrase(branch[keyword]));
    }
  }
  return [...new Set(phrases.filter(Boolean))];
}

function referencesInto(tree: TreeSummary, database: Pick<DatabaseInfo, 'trees'>): ReferenceInfo[] {
  return tree.referencedFrom.map(({ tree: holder, path }) => {
    const declared = database.trees.find((t) => t.name === holder)?.references.find((r) => r.path === path);
    // referencedFrom comes from the same catalog, so the holder declares it; 'restrict' is the engine's default otherwise.
    const fields = declared?.fields;
    return { tree: holder, path, onDelete: declared?.onDelete ?? 'restrict', many: declared?.many ?? path.endsWith('[]'), ...(fields ? { fields } : {}) };
  });
}

/** What a reference's rule does when its target record is deleted, in words (tooltips). */
export function onDeleteMeaning(reference: Pick<ReferenceInfo, 'onDelete' | 'many'>): string {
  switch (reference.onDelete) {
    case 'restrict':
      return 'Deleting the target is refused while a record refers to it';
    case 'cascade':
      return 'Deleting the target deletes the records that refer to it';
    case 'setNull':
      return reference.many ? 'Deleting the target removes it from the list' : 'Deleting the target sets the field to null';
  }
}

/** A computed index's value type in a word: its JSON type, or 'timestamp' for the engine's timestamp marker. */
function schemaTypeText(schema: Readonly<Record<string, unknown>>): string {
  return markedKindOf(schema) ?? (typeof schema['type'] === 'string' ? schema['type'] : 'value');
}
