/**
 * References over existing fields (`state` over countryCode, stateCode → states): no field holds
 * the target's key, so the grid and the editor put the link on one of the reference's fields. Plain
 * TypeScript, shared by grid/core and editor/text.
 *
 * Which field carries the link: the last of its fields that is not itself a reference (`t.ref` or
 * `t.refs`), so a field that already links somewhere keeps that link alone; when every field is a
 * reference, the last field carries both. Deterministic from the catalog, whatever the record holds.
 */
import { formatKeyText, isPlainKey, type PlainKey } from '@trellis/engine/common/key-text';
import type { TreeSummary } from '../../../app/contract/index.js';


export interface FieldLink {
  /** The reference's name (`state`): the catalog's `path`, the holders' group. */
  readonly name: string;
  readonly target: string;
  /** The fields whose values make the target's key, in its order. */
  readonly fields: readonly string[];
  /** The field that carries the link (see above). */
  readonly on: string;
}

/** The tree's references over existing fields, each with the field that carries its link. */
export function fieldLinksOf(tree: Pick<TreeSummary, 'references'>): FieldLink[] {
  const referenceFields = new Set(tree.references.filter((r) => !r.fields).map((r) => r.path.replace(/\[\]$/, '')));
  return tree.references.flatMap((reference) => {
    const fields = reference.fields;
    if (!fields || fields.length === 0) return [];
    const on = [...fields].reverse().find((field) => !referenceFields.has(field)) ?? fields.at(-1)!;
    return [{ name: reference.path, target: reference.target, fields, on }];
  });
}

/** `state (countryCode, stateCode)`: a reference as the schema view, hovers and messages name it. */
export function referenceName(reference: { readonly path: string; readonly fields?: readonly string[] | undefined }): string {
  return reference.fields ? `${reference.path} (${reference.fields.join(', ')})` : reference.path;
}

/** The OpaqueKey text a record's fields make (`states/["FR","IDF"]`); undefined when a field is absent, null or no key part. */
export function fieldLinkTarget(link: Pick<FieldLink, 'target' | 'fields'>, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const parts = link.fields.map((field) => (Object.hasOwn(record, field) ? record[field] : undefined));
  return parts.every(isKeyPart) ? formatKeyText(link.target, parts as PlainKey) : undefined;
}

/** A key part with finite numbers only (JSON5 can write Infinity and NaN; no key holds them). */
function isKeyPart(part: unknown): boolean {
  return isPlainKey(part) && !Array.isArray(part) && (typeof part !== 'number' || Number.isFinite(part));
}
