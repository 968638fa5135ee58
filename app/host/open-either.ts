/**
 * What `database.open` opens: a Trellis database, or else, when the path is an
 * LMDB environment without a Trellis catalog, that environment read-only
 * through the engine's raw reader. Anything else keeps the engine's refusal
 * (NOT_A_DATABASE for an empty folder, a file, a data.mdb LMDB does not know).
 */
import { AccessDeniedError, NotADatabaseError, openDatabase, openRawEnvironment, type OpaqueDatabase, type RawEnvironment } from '@trellis/engine';

export type Opened = { readonly kind: 'trellis'; readonly db: OpaqueDatabase } | { readonly kind: 'raw'; readonly env: RawEnvironment };

export async function openEither(path: string, readOnly: boolean): Promise<Opened> {
  try {
    return { kind: 'trellis', db: await openDatabase(path, { readOnly }) };
  } catch (refusal) {
    // ACCESS_DENIED too: a data.mdb this user may only read refuses a writable open, and the raw reader only reads.
    if (!(refusal instanceof NotADatabaseError || (refusal instanceof AccessDeniedError && !readOnly))) throw refusal;
    let env: RawEnvironment;
    try {
      env = await openRawEnvironment(path);
    } catch {
      throw refusal; // not an LMDB environment either: the engine's own words say why
    }
    return { kind: 'raw', env };
  }
}

export function pathOf(opened: Opened): string {
  return opened.kind === 'trellis' ? opened.db.path : opened.env.path;
}
