/**
 * @trellis/engine: typed trees over LMDB.
 *
 * Typed face: `tree`, `schema`, `open`, the value DSL `t` and key strategies.
 * Opaque face: `openDatabase`, for tools without the application's code.
 */
export { t, type OnDelete, type RefOptions } from './schema/values.js';
/** The schema types behind `t`, for code that names a declared schema's type (`Static<typeof address>`) without depending on TypeBox itself. */
export type { Static, TSchema, TObject } from 'typebox';
export {
  autoIncrement,
  composite,
  contentHash,
  custom,
  fieldKey,
  uuid,
  type AutoIncrementKey,
  type CompositeKey,
  type UuidKey,
  type HashKey,
  type CustomKey,
  type KeyStrategy,
} from './schema/key-strategies.js';
export { tree, type IdentityOf, type KeyOf, type ValueOf, type IndexValueOf, type TreeDeclaration, type IndexDeclaration, type LabelDeclaration } from './schema/tree.js';
export { labelFieldsOf, labelOf, LABEL_FIELD_NAMES, MAX_LABEL_CHARS } from './common/labels.js';
export type { Key, KeyPart, KeyValue } from './schema/key-brand.js';
export { open, openDatabase, createDatabase } from './open-database.js';
export type { ExportOptions, ExportProgress } from './opaque/export.js';
export type { ImportOptions, ImportProgress, ImportResult, ImportSource, ImportedRecord, ImportRecord } from './opaque/import.js';
export type { PortableRelease } from './opaque/transfer-format.js';
export type { ImportProblem } from './opaque/import-check.js';
export { parseExportHeader, EXPORT_FORMAT, type ExportHeader } from './opaque/transfer-format.js';
export { schema, type Database, type DeclaredSchema, type Schema, type TransactionTrees } from './typed/database.js';
export { migration, type AnyMigration, type MigrationDeclaration, type MigrationStep, type ReadTrees, type WriteTrees } from './typed/migrations.js';
export type { MigrationInProgress, MigrationProgress } from './core/migrate.js';
export { previewMigrations, type MigrationPreview, type PendingMigration } from './typed/migration-preview.js';
export type { TreeHandle, TransactionTree, Change, InsertManyOptions } from './typed/tree-handle.js';
export type { ReleaseState } from './core/release.js';
export type { BatchOptions } from './core/batches.js';
export type { Entry, Page, IndexReader, TypedIndexQuery, VersionedKey, TypedPathOptions } from './typed/tree-reader.js';
export type { CheckedPath, PathValue } from './typed/path-types.js';
export { OpaqueDatabase, OpaqueTree, type OpaqueEntry, type TreeInfo } from './opaque/opaque-database.js';
export { OpaqueTransaction, type OpaqueWritten } from './opaque/opaque-transaction.js';
export type { PerformRequest, PerformResult } from './opaque/perform.js';
export { MAX_BATCH_REQUESTS } from './opaque/perform.js';
export type { PathOptions, PathHop, PathMatch, PathResolution } from './core/path-resolve.js';
export type { PathWritten } from './core/path-write.js';
export { planPath, type PathCheck, type PathPlan, type PathProblem, type PlanStep, type PathPlace } from './common/path-plan.js';
export { formatOpaqueKey, parseOpaqueKey, OpaqueKeyParseError, type OpaqueKey } from './opaque/opaque-key.js';
export { verifyDatabase } from './integrity/verify-database.js';
export {
  INTEGRITY_PROBLEM_KINDS,
  type IntegrityReport,
  type IntegrityProblem,
  type IntegrityProblemKind,
  type IntegrityRepair,
  type UncheckedIndex,
  type VerifyOptions,
} from './integrity-report.js';
export type { OpenOptions } from './core/open.js';
export { MemoryVolume } from './storage/memory-backend.js';
export type { WriteOptions, PutOptions } from './core/write-context.js';
export type { RangeOptions, IndexQuery, IndexHit, IndexCursor, ReferenceGroup, ReferrersQuery } from './core/reads.js';
export type { ChangeEvent, ChangeKind, ChangeListener, ResyncEvent, SchemaEvent } from './core/changes.js';
export type { WatchOptions } from './core/watch.js';
export type { Catalog, StoredTree, StoredIndex, StoredReference, StoredKeyStrategy, JsonSchema } from './schema/catalog.js';
export { MAX_KEY_BYTES } from './storage/backend.js';
export { describeStorageDamage } from './storage/damage.js';
export { MAX_VALUE_CHARS } from './schema/value-codec.js';
export { MAX_VALUE_DEPTH } from './schema/depth.js';
export { QueryRun, MAX_MATCHES, type QueryProgress } from './query/query-run.js';
export type { RecordQuery, RecordFilter, RecordSort, FieldCondition, ConditionGroup, FilterOperator, QueryPlan } from './common/record-query.js';
export * from './errors.js';
export * from './request-errors.js';
export { TRELLIS_ERROR_CODES } from './common/error-codes.js';
export { openRawEnvironment, RawEnvironment, MAIN_DATABASE, type RawDatabaseSummary, type RawPageQuery, type RawEntry } from './raw/raw-environment.js';
export { RAW_DECODERS, type RawDecoder } from './raw/raw-decoders.js';
export type { RawCell, CellOptions as RawCellOptions } from './raw/raw-cell.js';
export { openReplica, openReplicaDatabase, startServer, issueServerToken, serverGrants, revokeServerTokens, type Replica, type OpaqueReplica, type TrellisServer, type Grant, type ReplicaOptions, type SyncServerOptions } from './open-shared.js';
export type { ReplicaSync, SyncStatus, SyncState } from './sync/replica.js';
export type { SyncConflict } from './sync/replica-apply.js';
export type { Mutation, Op } from './sync/protocol.js';
export { PROTOCOL_VERSION } from './sync/protocol.js';
export * from './sync/sync-errors.js';
export { CheckedOutError, MAX_LEASE_MINUTES, DEFAULT_LEASE_MINUTES, type Lease } from './sync/leases.js';
