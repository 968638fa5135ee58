/** Keys of the meta store, which holds the catalog and the counters. */
export const META_STORE = '__meta';
export const CHANGES_STORE = '__changes';
export const REFS_STORE = '__refs';

export const CATALOG_KEY = 'catalog';
/** The last revision given out; every write takes the next one. */
export const REVISION_KEY = 'revision';
/** The last auto-increment id of a tree: ['auto', tree]. */
export const autoKey = (tree: string) => ['auto', tree] as const;
