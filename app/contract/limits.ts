/**
 * Limits of the contract, in a module without schemas so that the renderer
 * can use them without loading the schema library.
 */

/** Upper bound on rows per request: a page is for a screen, not a tree. */
export const MAX_PAGE = 1000;
