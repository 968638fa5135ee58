/**
 * A versioned record's release actions (release, lifecycle number, new version),
 * each answering a closed set of outcomes instead of throwing, and what the
 * panel says about a record's release state, in words. No React.
 */
import type { JsonKey, RecordEntry, Transport } from '../../../../app/contract/index.js';
import { errorPayload } from './session-actions.js';

export type ReleaseOutcome = { readonly type: 'done'; readonly entry: RecordEntry } | { readonly type: 'error'; readonly message: string };

async function outcome(call: () => Promise<{ entry: RecordEntry }>): Promise<ReleaseOutcome> {
  try {
    return { type: 'done', entry: (await call()).entry };
  } catch (error) {
    const payload = errorPayload(error);
    if (payload.code === 'CONFLICT') return { type: 'error', message: 'the record changed since it was loaded; look at it again first' };
    if (payload.code === 'VALIDATION' && payload.issues?.length) return { type: 'error', message: payload.issues.map((i) => `${i.path.slice(1) || 'the record'} ${i.message}`).join('; ') };
    return { type: 'error', message: payload.message };
  }
}

/** Releases the record as it was loaded (a stale revision is refused). */
export function releaseRecord(client: Transport, tree: string, entry: RecordEntry): Promise<ReleaseOutcome> {
  return outcome(() => client.call('records.release', { tree, key: entry.key, expectedRevision: entry.revision }));
}

export function setLifecycle(client: Transport, tree: string, entry: RecordEntry, lifecycle: number): Promise<ReleaseOutcome> {
  return outcome(() => client.call('records.setLifecycle', { tree, key: entry.key, lifecycle, expectedRevision: entry.revision }));
}

export function newVersion(client: Transport, tree: string, key: JsonKey): Promise<ReleaseOutcome> {
  return outcome(() => client.call('records.newVersion', { tree, key }));
}

/** The version number: the last part of a versioned tree's key. */
export function versionOf(entry: Pick<RecordEntry, 'key'>): number | undefined {
  const last = Array.isArray(entry.key) ? entry.key.at(-1) : undefined;
  return typeof last === 'number' ? last : undefined;
}

/** Why a released record's text cannot be edited, saved or deleted; undefined for a draft (or a record of another tree). */
export function releasedReason(entry: Pick<RecordEntry, 'release'> | null): string | undefined {
  const release = entry?.release;
  if (!release?.released) return undefined;
  const when = release.releasedAt === undefined ? 'Released' : `Released at revision ${release.releasedAt}`;
  return `${when}: a released record never changes. Make a new version to edit it.`;
}

/** A lifecycle number as typed: a whole number from 0, or why not. */
export function parseLifecycle(text: string): { readonly lifecycle: number } | { readonly error: string } {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !/^\d+$/.test(trimmed) || !Number.isSafeInteger(value)) return { error: 'A lifecycle number is a whole number from 0' };
  return { lifecycle: value };
}
