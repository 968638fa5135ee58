/**
 * Recognising damage in an error that LMDB or the value decoder threw while
 * reading. LMDB has no page checksums: what it notices is structural
 * (MDB_PAGE_NOTFOUND, MDB_CORRUPTED, MDB_PROBLEM when a page is not of the
 * kind its parent says, and the MDB_BAD_TXN that follows one in the same
 * transaction, e.g. "Invalid dupdata flag"); a damaged node header
 * can give a key longer than any LMDB stores, which lmdb-js's iterator refuses
 * ("Invalid key size 69dc"); bytes damaged inside a stored value surface as
 * msgpack decode errors instead.
 */

/** LMDB's or msgpack's own words for the damage, or undefined when `error` is not about damaged data. */
export function describeStorageDamage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const lmdb = /\bMDB_(CORRUPTED|PAGE_NOTFOUND|PROBLEM|BAD_TXN)\b[^\n]*/.exec(error.message)?.[0];
  if (lmdb !== undefined) return `LMDB reports ${lmdb}`;
  // lmdb-js checks a key's size before reading it; only a damaged page holds one past its maximum.
  if (/^Invalid key size [0-9a-f]+$/.test(error.message) && /[/\\]lmdb[/\\]read\.js/.test(error.stack ?? '')) return `a key's length is impossible (lmdb-js: ${error.message})`;
  // msgpackr's errors are plain Errors; where they were thrown is the one reliable sign.
  if (/[/\\]msgpackr[/\\]unpack\.js/.test(error.stack ?? '')) return `a stored value does not decode (${error.message.replace(/\s+null$/, '')})`;
  return undefined;
}
