/**
 * The catalog: the schema a database stores about itself, as plain JSON, so a
 * tool without the application's code can read, validate and edit it.
 *
 * Its shape is written once, here, as TypeBox schemas: the engine's types are
 * their `Static`, opening a database validates the stored catalog against them
 * (../schema/catalog.ts), and the host contract builds its tree summary from
 * them (app/contract/methods.ts).
 */
import Type, { type Static, type TSchema } from 'typebox';

export const CATALOG_FORMAT = 'trellis';
/** 2: a store of reverse entries per reference (1 had one shared store, upgraded when opened writable). */
export const CATALOG_FORMAT_VERSION = 2;

/** A JSON Schema as stored: an object whose keywords the engine's codecs read. */
export const JsonSchema = Type.Record(Type.String(), Type.Unknown());
export type JsonSchema = Static<typeof JsonSchema>;

/** Lists are read-only in the types: a catalog is read, never edited in place. */
const List = <Item extends TSchema>(item: Item) => Type.Immutable(Type.Array(item));

export const StoredKeyStrategy = Type.Union([
  Type.ReadonlyObject(Type.Object({ kind: Type.Literal('auto') })),
  Type.ReadonlyObject(Type.Object({ kind: Type.Literal('composite'), fields: List(Type.String()) })),
  Type.ReadonlyObject(Type.Object({ kind: Type.Literal('uuid') })),
  Type.ReadonlyObject(Type.Object({ kind: Type.Literal('hash') })),
  // `field`: the key is that top-level field of the value (fieldKey); absent, a function only the application has.
  Type.ReadonlyObject(Type.Object({ kind: Type.Literal('custom'), schema: JsonSchema, field: Type.Optional(Type.String({ minLength: 1 })) })),
]);
export type StoredKeyStrategy = Static<typeof StoredKeyStrategy>;

export const StoredIndex = Type.ReadonlyObject(
  Type.Object({
    name: Type.String(),
    /** Dotted field paths; more than one for a compound index; none for a computed index. */
    on: List(Type.String()),
    unique: Type.Boolean(),
    /**
     * An index whose values a function of the application computes from the record: the schema of one
     * value, and the version the application gives the function (a new version rebuilds the index).
     */
    computed: Type.Optional(Type.ReadonlyObject(Type.Object({ schema: JsonSchema, version: Type.Integer({ minimum: 1 }) }))),
  }),
);
export type StoredIndex = Static<typeof StoredIndex>;

/** What deleting a reference's target does to the record that holds it. */
export const OnDelete = Type.Enum(['restrict', 'cascade', 'setNull']);
export type OnDelete = Static<typeof OnDelete>;

export const StoredReference = Type.ReadonlyObject(
  Type.Object({
    /** Where the reference sits, e.g. `owner`, `address.owner`, `friends[]`. */
    path: Type.String(),
    target: Type.String(),
    onDelete: OnDelete,
    /** True for a list of references. */
    many: Type.Boolean(),
    /**
     * A reference over existing fields (`references` in the tree's declaration): the target's key is these
     * top-level fields' values, in order, and `path` is the reference's name (no field of the value has it).
     */
    fields: Type.Optional(Type.Immutable(Type.Array(Type.String({ minLength: 1 }), { minItems: 2 }))),
  }),
);
export type StoredReference = Static<typeof StoredReference>;

export const StoredTree = Type.ReadonlyObject(
  Type.Object({
    name: Type.String(),
    key: StoredKeyStrategy,
    keySchema: JsonSchema,
    /** The value's JSON Schema with references resolved to their target's key schema (x-trellis markers included). */
    value: JsonSchema,
    indexes: List(StoredIndex),
    references: List(StoredReference),
    /**
     * The field paths whose values label a record, as declared (`label` in the tree's declaration); absent when
     * none was, and in catalogs written before labels existed (common/labels.ts decides then).
     */
    label: Type.Optional(Type.Immutable(Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { minItems: 1, maxItems: 16 }))),
    /**
     * Records are versioned (`versioned: true` in the declaration): a key is the declared key and a version
     * number, `[...key, version]` (keySchema says so), and a record can be released (core/release.ts).
     */
    versioned: Type.Optional(Type.Literal(true)),
  }),
);
export type StoredTree = Static<typeof StoredTree>;

/** One schema version the database has had: when it became current, and what each tree was under it. */
export const SchemaVersionEntry = Type.ReadonlyObject(
  Type.Object({
    version: Type.Integer({ minimum: 1 }),
    /** The last revision before it: records with a later revision were written under this version (or a later one). */
    after: Type.Integer({ minimum: 0 }),
    /** When it was applied, as ISO 8601 UTC text. */
    at: Type.String(),
    /** Each tree's definition under this version, as a hash of its catalog entry: how code with an older definition is recognised. */
    trees: Type.Record(Type.String(), Type.String()),
    /** The migration that made this version, by id (absent for a change applied as it was declared). */
    migration: Type.Optional(Type.String()),
  }),
);
export type SchemaVersionEntry = Static<typeof SchemaVersionEntry>;

/** A migration the database ran, or skipped because the database was made after it. */
export const MigrationRecord = Type.ReadonlyObject(
  Type.Object({
    id: Type.String({ minLength: 1 }),
    description: Type.String(),
    /** 'applied': it ran; 'not needed': the database was created by code that already declared it. */
    outcome: Type.Enum(['applied', 'not needed']),
    /** When it finished (or was found not needed), as ISO 8601 UTC text. */
    at: Type.String(),
    /** The schema version it made (applied), or the one the database had (not needed). */
    version: Type.Integer({ minimum: 0 }),
    /** Records the migration read, and how long it ran, in milliseconds (applied only). */
    records: Type.Optional(Type.Integer({ minimum: 0 })),
    ms: Type.Optional(Type.Number({ minimum: 0 })),
  }),
);
export type MigrationRecord = Static<typeof MigrationRecord>;

export const Catalog = Type.ReadonlyObject(
  Type.Object({
    format: Type.Literal(CATALOG_FORMAT),
    formatVersion: Type.Integer({ minimum: 1 }),
    /** Grows by one each time a compatible schema change is applied. */
    schemaVersion: Type.Integer({ minimum: 0 }),
    /** Each tree under its own name. */
    trees: Type.Record(Type.String(), StoredTree),
    /**
     * The schema versions applied since the engine kept them, oldest first (absent in catalogs written
     * before): a record's version is the last one applied before its revision.
     */
    history: Type.Optional(List(SchemaVersionEntry)),
    /** The migrations this database ran or found not needed, in the order they were declared. */
    migrations: Type.Optional(List(MigrationRecord)),
    /**
     * The generation of each tree's stores (absent: 0). A migration writes the trees it rebuilds into stores
     * of the next generation (`t/users@1`) and switches to them in its last transaction.
     */
    generations: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 1 }))),
  }),
);
export type Catalog = Static<typeof Catalog>;
