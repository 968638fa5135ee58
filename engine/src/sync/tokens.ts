/**
 * Credentials for a Trellis server: tokens issued by its CLI, kept only as
 * SHA-256 hashes in the database's `__sync` store (a copy of the file gives no
 * one a token), each naming a user and the trees it may read and write.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Engine } from '../core/engine.js';
import { syncStore } from './sync-store.js';
import type { TreeAccess } from './source.js';

/** What a token may do: trees by name, or '*' for every tree. */
export interface Grant {
  readonly user: string;
  readonly read: readonly string[];
  readonly write: readonly string[];
  /** May break another user's check-out. */
  readonly admin: boolean;
}

const tokenKey = (hash: string) => ['token', hash];

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Makes a token for `grant` and stores its hash: the token itself is shown once, to whoever issued it. */
export async function issueToken(engine: Engine, grant: Grant): Promise<string> {
  const token = `trellis_${randomBytes(24).toString('base64url')}`;
  await engine.transaction(() => syncStore(engine).put(tokenKey(hashOf(token)), grant));
  return token;
}

/** Every grant with the user it names (never the tokens: only their hashes are kept). */
export function listGrants(engine: Engine): Grant[] {
  return [...syncStore(engine).entries({ start: ['token'], end: ['token', '\uffff'] })].map((entry) => entry.value as Grant);
}

/** Removes every token of `user`; the number removed. */
export async function revokeTokens(engine: Engine, user: string): Promise<number> {
  return engine.transaction(() => {
    const store = syncStore(engine);
    let removed = 0;
    for (const entry of [...store.entries({ start: ['token'], end: ['token', '\uffff'] })]) {
      if ((entry.value as Grant).user === user && store.remove(entry.key)) removed++;
    }
    return removed;
  });
}

/** The grant of a token, or undefined for one the server never issued. */
export function grantOf(engine: Engine, token: string | undefined): Grant | undefined {
  if (!token || token.length > 512) return undefined;
  // Looked up by the token's SHA-256: how long the lookup takes tells nothing about the token itself.
  return syncStore(engine).get(tokenKey(hashOf(token))) as Grant | undefined;
}

export function accessOf(grant: Grant): TreeAccess {
  const allows = (list: readonly string[], tree: string) => list.includes('*') || list.includes(tree);
  return (tree, access) => (access === 'read' ? allows(grant.read, tree) || allows(grant.write, tree) : allows(grant.write, tree));
}
