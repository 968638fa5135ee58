/** Back-references grouped by the tree and field that hold them, in first-seen order. */
import type { ResultOf } from '../../../app/contract/index.js';

export type Holder = ResultOf<'records.referencedBy'>['holders'][number];

export interface HolderGroup {
  readonly tree: string;
  readonly path: string;
  readonly holders: readonly Holder[];
  /** The answer was cut at its limit, so this group may have more holders than listed. */
  readonly maybeMore: boolean;
}

/**
 * `truncated`: the host stopped at the limit. Its order is not by group, so any
 * group (not just the last) may be missing holders: all are marked.
 */
export function groupHolders(holders: readonly Holder[], truncated = false): HolderGroup[] {
  const groups = new Map<string, { tree: string; path: string; holders: Holder[]; maybeMore: boolean }>();
  for (const holder of holders) {
    const id = `${holder.tree}\u0000${holder.path}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { tree: holder.tree, path: holder.path, holders: [], maybeMore: truncated }));
    if (!group.holders.some((h) => h.text === holder.text)) group.holders.push(holder);
  }
  return [...groups.values()];
}
