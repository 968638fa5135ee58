/**
 * `verifyDatabase(path | db)`: the integrity check as the public API offers it.
 * By path, the database is opened read-only unless a repair is asked for, so a
 * check alone cannot change the file.
 */
import { openEngine } from '../core/open.js';
import type { OpaqueDatabase } from '../opaque/opaque-database.js';
import type { IntegrityReport, VerifyOptions } from '../integrity-report.js';
import { verifyEngine } from './verify.js';

export async function verifyDatabase(target: string | OpaqueDatabase, options: VerifyOptions = {}): Promise<IntegrityReport> {
  if (typeof target !== 'string') return target.verify(options);
  const engine = await openEngine(target, undefined, { readOnly: !options.repair });
  try {
    return await verifyEngine(engine, options);
  } finally {
    await engine.close();
  }
}
