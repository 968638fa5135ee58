/**
 * The upgrade of reverse references from catalog format 1 (one store, `__refs`,
 * keys `[target, ...targetKey, holder tree, path, ...holderKey]`) to a store per
 * reference (keys `[...targetKey, ...holderKey]`, tree-model.ts `referenceStoreName`):
 * run when a format 1 database is opened writable, before anything else reads it.
 * A lookup of 100 holders decoded every tree name and path again; a reference's own
 * store holds only the keys (measured on lmdb-js: 34k → 63k lookups a second).
 *
 * One transaction: the new stores, the old one emptied and the catalog's format
 * move together, so a crash leaves format 1 whole and the next open upgrades again.
 * Entries format 1 held for trees or references the catalog no longer has are
 * not carried over (the integrity check reported them as stale).
 */
import { CATALOG_FORMAT_VERSION, type Catalog } from '../schema/catalog.js';
import type { Backend } from '../storage/backend.js';
import type { KeyPart } from '../schema/key-brand.js';
import { Engine } from './engine.js';
import { CATALOG_KEY } from './meta.js';

/** Upgrades `stored` (format 1) in place; answers the catalog as it now is. */
export async function upgradeReferenceStores(backend: Backend, stored: Catalog, derivers?: ReadonlyMap<string, (value: unknown) => unknown>): Promise<Catalog> {
  const engine = new Engine(backend, stored, derivers);
  const upgraded: Catalog = { ...stored, formatVersion: CATALOG_FORMAT_VERSION };
  await engine.transaction(
    () => {
      const old = [...engine.refs.keys({})];
      for (const stored of old) {
        const moved = newEntry(engine, stored as readonly KeyPart[]);
        if (moved) engine.referenceStore(moved.ref).put(moved.key, null);
        engine.refs.remove(stored);
      }
      engine.meta.put(CATALOG_KEY, upgraded);
    },
    { reconciling: true },
  );
  return upgraded;
}

/** Where a format 1 entry goes: its reference and `[...targetKey, ...holderKey]`, or nothing for an entry no reference accounts for. */
function newEntry(engine: Engine, parts: readonly KeyPart[]) {
  const target = engine.models.get(String(parts[0]));
  if (!target) return undefined;
  const arity = target.key.arity;
  const source = engine.models.get(String(parts[1 + arity]));
  const ref = source?.reference(String(parts[2 + arity]));
  if (!source || !ref || ref.stored.target !== target.name) return undefined;
  const holder = parts.slice(3 + arity);
  if (holder.length !== source.key.arity) return undefined;
  return { ref, key: [...parts.slice(1, 1 + arity), ...holder] };
}
