/**
 * References in a text-form value whose target record does not exist, as
 * issues at the reference's JSON Pointer, so the editor can mark them before
 * saving (the engine would refuse the write with MISSING_REFERENCE).
 */
import { isTrellisError, type OpaqueDatabase, type StoredReference } from '@trellis/engine';
import type { IssueDetail } from '../contract/index.js';
import { keyText } from './wire-forms.js';

export interface MissingReferences {
  /** The first `limit` of them. */
  readonly issues: IssueDetail[];
  /** All of them: a value may hold thousands (a long list of references). */
  readonly total: number;
}

/** Places in `skip` are left out (the schema check reported them already). */
export function missingReferences(
  db: OpaqueDatabase,
  references: readonly StoredReference[],
  value: unknown,
  { limit = Infinity, skip = new Set<string>() }: { limit?: number; skip?: ReadonlySet<string> } = {},
): MissingReferences {
  const issues: IssueDetail[] = [];
  let total = 0;
  for (const reference of references) {
    const target = db.tree(reference.target);
    for (const { pointer, key } of referencesAt(value, segmentsOf(reference.path))) {
      let exists: boolean;
      try {
        exists = target.has(key);
      } catch (error) {
        // Not a key of the target at all: the schema check reports that place already.
        if (isTrellisError(error)) continue;
        throw error;
      }
      if (exists || skip.has(pointer)) continue;
      total++;
      if (issues.length < limit) issues.push({ path: pointer, message: `no record ${keyText(reference.target, key)}` });
    }
  }
  return { issues, total };
}

/** `owner`, `address.owner`, `friends[]` → segments, `[]` standing for every list element (the catalog's path form). */
function segmentsOf(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
}

function referencesAt(value: unknown, segments: readonly string[]): { pointer: string; key: unknown }[] {
  let found: { pointer: string; node: unknown }[] = [{ pointer: '', node: value }];
  for (const segment of segments) {
    const next: typeof found = [];
    for (const { pointer, node } of found) {
      if (segment === '[]') {
        if (Array.isArray(node)) node.forEach((item: unknown, i) => next.push({ pointer: `${pointer}/${i}`, node: item }));
      } else if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, segment)) {
        next.push({ pointer: `${pointer}/${escape(segment)}`, node: (node as Record<string, unknown>)[segment] });
      }
    }
    found = next;
  }
  return found.filter(({ node }) => node !== null && node !== undefined).map(({ pointer, node }) => ({ pointer, key: node }));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
