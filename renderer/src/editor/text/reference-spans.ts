/**
 * Where the references are in the text: every value node whose place in the
 * schema is a reference, with the OpaqueKey text it points at, and for each
 * reference over existing fields the value of the field that carries its link
 * (references/field-links.ts), pointing at the key the fields make. Feeds the
 * link provider (Ctrl/Cmd+click follows), hovers and decorations.
 */
import { evaluate, type DocumentNode } from '@humanwhocodes/momoa';
import { formatKeyText, isPlainKey, type PlainKey } from '@trellis/engine/common/key-text';
import type { TreeSummary } from '../../../../app/contract/index.js';
import { fieldLinksOf, fieldLinkTarget, referenceName } from '../../references/field-links.js';
import { findMember, spanOf, walkValues, type PathSegment } from './ast-paths.js';
import type { Span } from './json5-text.js';
import { referencePath, refTargetAt, type Schema } from '../schema/schema-nav.js';

export interface ReferenceSpan extends Span {
  readonly path: readonly PathSegment[];
  readonly tree: string;
  /** OpaqueKey text, e.g. `users/42`, `labels/[3,"bug"]`. */
  readonly target: string;
  /** A reference over existing fields, as people read it: `state (countryCode, stateCode)`; absent for a field's own reference. */
  readonly reference?: string;
}

type TreeRefs = Pick<TreeSummary, 'value' | 'references'>;

/** The target tree at a value path: the catalog's reference list first, the schema's reference target (`refTargetAt`) as a fallback. */
export function referenceTarget(tree: TreeRefs, path: readonly PathSegment[]): string | undefined {
  const text = referencePath(path);
  // A reference over existing fields is named, not a place: no value path is it.
  return tree.references.find((r) => !r.fields && r.path === text)?.target ?? refTargetAt(tree.value as Schema, path);
}

/** A key in shape, with finite numbers only (JSON5 can write Infinity and NaN; no key holds them). */
function isLinkableKey(value: unknown): value is PlainKey {
  return isPlainKey(value) && [value].flat().every((part) => typeof part !== 'number' || Number.isFinite(part));
}

export function referenceSpans(document: DocumentNode, tree: TreeRefs): ReferenceSpan[] {
  const out: ReferenceSpan[] = [];
  walkValues(document.body, (node, path) => {
    if (path.length === 0 || node.type === 'Object' || node.type === 'Null') return;
    const target = referenceTarget(tree, path);
    if (!target) return;
    const key = evaluate(node);
    // A half-typed or wrong value is validation's business, not a link.
    if (isLinkableKey(key)) out.push({ ...spanOf(node), path, tree: target, target: formatKeyText(target, key) });
  });
  return [...out, ...fieldReferenceSpans(document, tree)];
}

/** References over existing fields: a span on the value of the field that carries each one's link, while the fields make a key. */
function fieldReferenceSpans(document: DocumentNode, tree: TreeRefs): ReferenceSpan[] {
  const links = fieldLinksOf(tree);
  if (links.length === 0 || document.body.type !== 'Object') return [];
  const record = evaluate(document.body);
  return links.flatMap((link) => {
    const member = findMember(document.body, link.on);
    const target = fieldLinkTarget(link, record);
    if (!member || target === undefined) return [];
    return [{ ...spanOf(member.value), path: [link.on], tree: link.target, target, reference: referenceName({ path: link.name, fields: link.fields }) }];
  });
}

/** The reference under a 1-based position, if any. */
export function referenceAt(spans: readonly ReferenceSpan[], line: number, column: number): ReferenceSpan | undefined {
  return spans.find((s) => (line > s.line || (line === s.line && column >= s.column)) && (line < s.endLine || (line === s.endLine && column < s.endColumn)));
}
