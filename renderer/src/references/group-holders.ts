/** A flat list of holders grouped by the tree and field that hold them, in first-seen order. */
import type { ResultOf } from '../../../app/contract/index.js';

export type Holder = ResultOf<'records.referencedBy'>['holders'][number];

/** Holders of one tree and field: how many there are, and those listed (all of them, for a flat list). */
export interface HolderGroup {
  readonly tree: string;
  readonly path: string;
  readonly holders: readonly Holder[];
  readonly count: number;
}

export function groupHolders(holders: readonly Holder[]): HolderGroup[] {
  const groups = new Map<string, { tree: string; path: string; holders: Holder[] }>();
  for (const holder of holders) {
    const id = `${holder.tree}\u0000${holder.path}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { tree: holder.tree, path: holder.path, holders: [] }));
    if (!group.holders.some((h) => h.text === holder.text)) group.holders.push(holder);
  }
  return [...groups.values()].map((group) => ({ ...group, count: group.holders.length }));
}
