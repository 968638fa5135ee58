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

/** Upper bound on the records one `records.search` answers: a completion list, not a result set. */
export const MAX_SEARCH_HITS = 100;
