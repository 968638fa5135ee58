/**
 * Labels for a path's answer: of each record a hop names (read once per
 * answer), and of the records its values refer to — a record's references when
 * the path ends at a record, the targets themselves when it ends at a reference
 * or a list of them. Bounded as every answer's labels are (MAX_LABELS).
 */
import { formatKeyText, isPlainKey } from '@trellis/engine/common/key-text';
import { refTargetOf } from '@trellis/engine/common/markers';
import { unwrapNullable, type PathPlace } from '@trellis/engine/common/path-plan';
import type { OpaqueDatabase, PathMatch } from '@trellis/engine';
import type { Labels } from '../contract/index.js';
import { LIST_LABELS, MAX_LABELS, type LabelReader } from './labels.js';

export class PathLabels {
  private readonly known = new Map<string, string | undefined>();
  private readonly ends: PathPlace | undefined;

  constructor(
    db: OpaqueDatabase,
    private readonly reader: LabelReader,
    tree: string,
    path: string,
  ) {
    const check = db.checkPath(tree, path);
    this.ends = check.ok ? check.plan.ends : undefined;
  }

  /** The label of a record a hop names (`text` its OpaqueKey text); undefined past the bound. */
  ofRecord(tree: string, key: unknown, text: string): string | undefined {
    if (this.known.has(text)) return this.known.get(text);
    if (this.known.size >= MAX_LABELS) return undefined;
    const label = this.reader.labelOfRecord(tree, key);
    this.known.set(text, label);
    return label;
  }

  /** Every label of the answer: the hops' records read so far, and what the values refer to; undefined when none. */
  all(matches: readonly PathMatch[]): Labels | undefined {
    const labels: Labels = {};
    for (const [text, label] of this.known) if (label !== undefined) labels[text] = label;
    const ends = this.ends;
    if (ends?.kind === 'record') {
      const byTree = new Map<string, unknown[]>();
      for (const match of matches) {
        const last = match.hops.at(-1);
        if (last && match.value !== undefined) byTree.set(last.tree, [...(byTree.get(last.tree) ?? []), match.value]);
      }
      for (const [tree, values] of byTree) Object.assign(labels, this.reader.referenceLabels(tree, values));
    } else if (ends) {
      const node = unwrapNullable(ends.node);
      const single = refTargetOf(node);
      const items = node['type'] === 'array' ? refTargetOf(unwrapNullable((node['items'] as Record<string, unknown> | undefined) ?? {})) : undefined;
      for (const match of matches) {
        const keys = single !== undefined ? [match.value] : items !== undefined && Array.isArray(match.value) ? match.value.slice(0, LIST_LABELS) : [];
        const target = single ?? items;
        for (const key of keys) {
          if (target === undefined || !isPlainKey(key)) continue;
          const label = this.ofRecord(target, key, formatKeyText(target, key));
          if (label !== undefined) labels[formatKeyText(target, key)] = label;
        }
      }
    }
    return Object.keys(labels).length > 0 ? labels : undefined;
  }
}
