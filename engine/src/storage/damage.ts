/**
 * Recognising damage in an error that LMDB or the value decoder threw while
 * reading. LMDB has no page checksums: what it notices is structural
 * (MDB_PAGE_NOTFOUND, MDB_CORRUPTED, and the MDB_BAD_TXN that follows one in
 * the same transaction, e.g. "Invalid dupdata flag"); bytes damaged inside a
 * stored value surface as msgpack decode errors instead.
 */

/** LMDB's or msgpack's own words for the damage, or undefined when `error` is not about damaged data. */
export function describeStorageDamage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const lmdb = /\bMDB_(CORRUPTED|PAGE_NOTFOUND|BAD_TXN)\b[^\n]*/.exec(error.message)?.[0];
  if (lmdb !== undefined) return `LMDB reports ${lmdb}`;
  // msgpackr's errors are plain Errors; where they were thrown is the one reliable sign.
  if (/[/\\]msgpackr[/\\]unpack\.js/.test(error.stack ?? '')) return `a stored value does not decode (${error.message.replace(/\s+null$/, '')})`;
  return undefined;
}
