/**
 * `verifyDatabase(path | db)`: the integrity check as the public API offers it.
 * By path, the database is opened read-only unless a repair is asked for, so a
 * check alone cannot change the file.
 */
import { openDatabase, type OpaqueDatabase } from '../opaque/opaque-database.js';
import type { IntegrityReport, VerifyOptions } from './report.js';

export async function verifyDatabase(target: string | OpaqueDatabase, options: VerifyOptions = {}): Promise<IntegrityReport> {
  if (typeof target !== 'string') return target.verify(options);
  const db = await openDatabase(target, { readOnly: !options.repair });
  try {
    return await db.verify(options);
  } finally {
    await db.close();
  }
}
