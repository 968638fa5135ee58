/**
 * Which declared migrations a database still needs: those after the ones it
 * ran. A database that ran a migration the code does not declare is refused,
 * and so is code that declares a new migration before one the database ran.
 */
import { InvalidSchemaError, MigrationMissingError } from '../errors.js';
import type { Catalog } from '../schema/catalog.js';
import { MIGRATION_ID, type MigrationPlan } from './migration-plan.js';

export function pendingMigrations(stored: Catalog, declared: readonly MigrationPlan[], path: string): MigrationPlan[] {
  checkIds(declared);
  const ran = stored.migrations ?? [];
  const ids = declared.map((m) => m.id);
  for (const record of ran) {
    if (!ids.includes(record.id)) throw new MigrationMissingError(path, record.id, `${record.outcome} at ${record.at}: ${record.description}`);
  }
  for (const [i, record] of ran.entries()) {
    if (ids[i] !== record.id) {
      throw new InvalidSchemaError(
        `migration '${ids[i]}' is declared before '${record.id}', which ${path} ran already: a new migration goes after the last one the database ran`,
      );
    }
  }
  return declared.slice(ran.length);
}

/** Ids are checked before anything is opened: a new database records them too. */
export function checkIds(declared: readonly MigrationPlan[]): void {
  const seen = new Set<string>();
  for (const { id } of declared) {
    if (!MIGRATION_ID.test(id)) throw new InvalidSchemaError(`migration id '${id}' must be 1 to 100 letters, digits, '_', '.' or '-', starting with a letter or digit`);
    if (seen.has(id)) throw new InvalidSchemaError(`migration '${id}' is declared twice`);
    seen.add(id);
  }
}
