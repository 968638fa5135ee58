/**
 * Where the references are in the text: every value node whose place in the
 * schema is a reference, with the OpaqueKey text it points at. Feeds the
 * link provider (Ctrl/Cmd+click follows), hovers and decorations.
 */
import { evaluate, type DocumentNode } from '@humanwhocodes/momoa';
import { formatKeyText, isPlainKey, type PlainKey } from '@trellis/engine/common/key-text';
import type { TreeSummary } from '../../../../app/contract/index.js';
import { spanOf, walkValues, type PathSegment } from './ast-paths.js';
import type { Span } from './json5-text.js';
import { referencePath, refTargetAt, type Schema } from '../schema/schema-nav.js';

export interface ReferenceSpan extends Span {
  readonly path: readonly PathSegment[];
  readonly tree: string;
  /** OpaqueKey text, e.g. `users/42`, `labels/[3,"bug"]`. */
  readonly target: string;
}

type TreeRefs = Pick<TreeSummary, 'value' | 'references'>;

/** The target tree at a value path: the catalog's reference list first, the schema's reference target (`refTargetAt`) as a fallback. */
export function referenceTarget(tree: TreeRefs, path: readonly PathSegment[]): string | undefined {
  const text = referencePath(path);
  return tree.references.find((r) => r.path === text)?.target ?? refTargetAt(tree.value as Schema, path);
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
  return out;
}

/** The reference under a 1-based position, if any. */
export function referenceAt(spans: readonly ReferenceSpan[], line: number, column: number): ReferenceSpan | undefined {
  return spans.find((s) => (line > s.line || (line === s.line && column >= s.column)) && (line < s.endLine || (line === s.endLine && column < s.endColumn)));
}
