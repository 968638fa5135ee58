/**
 * `database.info`: the catalog as the renderer needs it, with each tree's
 * record count and the references that point into it ("Referenced by").
 */
import type { OpaqueDatabase, RawEnvironment, TreeInfo } from '@trellis/engine';
import type { DatabaseInfo, TreeSummary } from '../contract/index.js';

export function databaseInfo(db: OpaqueDatabase, sessionReadOnly: boolean, startedReadOnly: boolean): DatabaseInfo {
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
  };
}

/** An LMDB environment without a catalog: read-only whatever was asked, no trees (its databases come from raw.databases). */
export function rawDatabaseInfo(env: RawEnvironment, startedReadOnly: boolean): DatabaseInfo {
  return { path: env.path, readOnly: true, lockedReadOnly: true, startedReadOnly, kind: 'raw', revision: 0, schemaVersion: 0, trees: [] };
}

function treeSummary(tree: TreeInfo, all: readonly TreeInfo[]): TreeSummary {
  return {
    name: tree.name,
    count: tree.count,
    // Copies, so that nothing a caller does to an answer reaches the open catalog.
    key: structuredClone(tree.key),
    keySchema: structuredClone(tree.keySchema),
    value: structuredClone(tree.value),
    indexes: tree.indexes.map((index) => ({ name: index.name, on: [...index.on], unique: index.unique })),
    references: tree.references.map((ref) => ({ path: ref.path, target: ref.target, onDelete: ref.onDelete, many: ref.many })),
    ...(tree.label ? { label: [...tree.label] } : {}),
    referencedFrom: all.flatMap((source) =>
      source.references.filter((ref) => ref.target === tree.name).map((ref) => ({ tree: source.name, path: ref.path })),
    ),
  };
}
