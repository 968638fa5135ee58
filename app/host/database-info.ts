/**
 * `database.info`: the catalog as the renderer needs it, with each tree's
 * record count and the references that point into it ("Referenced by"), and
 * the schema versions and migrations the database has had (its history).
 */
import type { OpaqueDatabase, RawEnvironment, TreeInfo } from '@trellis/engine';
import type { DatabaseInfo, TreeSummary } from '../contract/index.js';

export function databaseInfo(db: OpaqueDatabase, sessionReadOnly: boolean, startedReadOnly: boolean, replica?: DatabaseInfo['replica']): DatabaseInfo {
  const trees = db.trees();
  return {
    path: db.path,
    readOnly: db.readOnly || sessionReadOnly,
    lockedReadOnly: db.readOnly,
    startedReadOnly,
    kind: 'trellis',
    revision: db.revision(),
    schemaVersion: db.catalog.schemaVersion,
    trees: trees.map((tree) => treeSummary(tree, trees)),
    // Copies, as for the trees; absent in catalogs written before the engine kept them.
    history: (db.catalog.history ?? []).map((entry) => structuredClone(entry)),
    migrations: (db.catalog.migrations ?? []).map((record) => structuredClone(record)),
    ...(replica ? { replica } : {}),
  };
}

/** An LMDB environment without a catalog: read-only whatever was asked, no trees (its databases come from raw.databases), no schema history. */
export function rawDatabaseInfo(env: RawEnvironment, startedReadOnly: boolean): DatabaseInfo {
  return { path: env.path, readOnly: true, lockedReadOnly: true, startedReadOnly, kind: 'raw', revision: 0, schemaVersion: 0, trees: [], history: [], migrations: [] };
}

function treeSummary(tree: TreeInfo, all: readonly TreeInfo[]): TreeSummary {
  return {
    name: tree.name,
    count: tree.count,
    // Copies, so that nothing a caller does to an answer reaches the open catalog.
    key: structuredClone(tree.key),
    keySchema: structuredClone(tree.keySchema),
    value: structuredClone(tree.value),
    indexes: tree.indexes.map((index) => ({ name: index.name, on: [...index.on], unique: index.unique, ...(index.computed ? { computed: structuredClone(index.computed) } : {}) })),
    // `fields`: a reference over existing fields, named by `path` (the renderer composes its key from them).
    references: tree.references.map((ref) => ({ path: ref.path, target: ref.target, onDelete: ref.onDelete, many: ref.many, ...(ref.fields ? { fields: [...ref.fields] } : {}) })),
    ...(tree.label ? { label: [...tree.label] } : {}),
    ...(tree.versioned ? { versioned: true as const } : {}),
    referencedFrom: all.flatMap((source) =>
      source.references.filter((ref) => ref.target === tree.name).map((ref) => ({ tree: source.name, path: ref.path })),
    ),
  };
}
