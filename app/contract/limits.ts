/**
 * Limits of the contract, in a module without schemas so that the renderer
 * can use them without loading the schema library.
 */

/** Upper bound on rows per request: a page is for a screen, not a tree. */
export const MAX_PAGE = 1000;

/**
 * Upper bound on the issues one answer lists (records.validate, a VALIDATION
 * error): enough to fix a value, few enough to read; a value with 100,000 bad
 * references would otherwise answer megabytes.
 */
export const MAX_ISSUES = 100;

/** Characters of a raw key or value shown in a table cell (raw.page); the record panel asks for the whole value (raw.get). */
export const MAX_RAW_CELL_CHARS = 300;

/** Characters of a raw value the record panel shows at most (raw.get): a 100 MB value is not read as text whole. */
export const MAX_RAW_FULL_CHARS = 1_000_000;

/**
 * Upper bound on the records one undoable write lists with what they held
 * before (records.delete with its cascades, records.applyWrites): past it the
 * write still happens, but says it cannot be undone from this window.
 */
export const MAX_UNDO_RECORDS = 1000;

/** Upper bound on the records one `records.search` answers: a completion list, not a result set. */
export const MAX_SEARCH_HITS = 100;

/** Upper bound on the requests of one `records.perform` batch: one transaction, so one call cannot hold the write lock for long. */
export const MAX_PERFORM_REQUESTS = 1000;

/** Upper bound on the results all `path` requests of one `records.perform` batch may ask for together (each `limit`, 100 when absent). */
export const MAX_PERFORM_PATH_RESULTS = 10_000;

/** Records one `records.resolvePaths` call starts from: a block of the table (100 rows) and some room. */
export const MAX_PATH_ROWS = 200;

/** Results per record in `records.resolvePaths`: a table cell shows a count and the first few. */
export const MAX_CELL_RESULTS = 20;

/** The longest check-out a replica may ask for: the server's own bound (a week; engine/src/sync/leases.ts, MAX_LEASE_MINUTES). */
export const MAX_CHECK_OUT_MINUTES = 7 * 24 * 60;

/** Records of one refused transaction that `sync.conflicts` shows with both versions: a transaction may write thousands. */
export const MAX_CONFLICT_RECORDS = 20;
