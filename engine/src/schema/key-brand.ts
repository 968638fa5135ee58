/** One component of a key: what LMDB's order-preserving encoding sorts well. */
export type KeyPart = string | number | boolean;
/** Any stored key: a part, or a tuple of parts for composite keys. */
export type KeyValue = KeyPart | readonly KeyPart[];

/**
 * A key bound to its tree at compile time. `Key<'users'>` is any key of the users
 * tree; `Key<'users', number>` also says what it is made of. A key of one tree
 * given to another tree is a type error, because the brands differ. The brand
 * exists only in types (a string key, so declaration files can always name it).
 */
export type Key<Tree extends string, Raw = unknown> = Raw & { readonly '~tree': Tree };
