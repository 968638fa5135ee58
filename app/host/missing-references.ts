/**
 * References in a text-form value whose target record does not exist, as
 * issues at the reference's JSON Pointer, so the editor can mark them before
 * saving (the engine would refuse the write with MISSING_REFERENCE). A
 * reference over existing fields has no place of its own: its issue sits at
 * its last field (`/stateCode`), and its message names the reference and its fields.
 */
import { isTrellisError, type OpaqueDatabase, type StoredReference } from '@trellis/engine';
import type { IssueDetail } from '../contract/index.js';
import { fieldReferenceKey, fieldReferenceName } from './field-reference-key.js';
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
    for (const { pointer, key, madeOf } of reference.fields ? fieldReferenceAt(value, reference.fields) : referencesAt(value, segmentsOf(reference.path))) {
      let exists: boolean;
      try {
        exists = target.has(key);
      } catch (error) {
        // Not a key of the target at all: the schema check reports that place already.
        if (isTrellisError(error)) continue;
        throw error;
      }
      if (exists || skip.has(pointer) || madeOf?.some((place) => skip.has(place))) continue;
      total++;
      const missing = `no record ${keyText(reference.target, key)}`;
      // The editor prefixes the field (`stateCode: no record … for the reference state (countryCode, stateCode)`).
      if (issues.length < limit) issues.push({ path: pointer, message: reference.fields ? `${missing} for the reference ${fieldReferenceName(reference)}` : missing });
    }
  }
  return { issues, total };
}

/** `owner`, `address.owner`, `friends[]` → segments, `[]` standing for every list element (the catalog's path form). */
function segmentsOf(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
}

interface ReferencePlace {
  readonly pointer: string;
  readonly key: unknown;
  /** The places the key is made of (a field reference's fields): a schema issue at any of them is reported already. */
  readonly madeOf?: readonly string[];
}

/** A reference over existing fields: its key from the fields, at the last field's pointer (none when a field is absent or null). */
function fieldReferenceAt(value: unknown, fields: readonly string[]): ReferencePlace[] {
  const key = fieldReferenceKey(value, fields);
  const pointers = fields.map((field) => `/${escape(field)}`);
  return key ? [{ pointer: pointers.at(-1)!, key, madeOf: pointers }] : [];
}

function referencesAt(value: unknown, segments: readonly string[]): ReferencePlace[] {
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
