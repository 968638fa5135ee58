/**
 * What deleting this record does to the records that point at it: the
 * groups of holders (from `records.referenceGroups`, each with its exact
 * count and first holders) sorted by the onDelete rule of the field that holds
 * them, for the confirm step and a refused delete.
 */
import type { DatabaseInfo } from '../../../../app/contract/index.js';
import type { HolderGroup } from '../../references/group-holders.js';

export type OnDelete = 'cascade' | 'setNull' | 'restrict';

export interface RuleGroup extends HolderGroup {
  readonly onDelete: OnDelete;
}

export interface DeleteImpact {
  /** Holder groups, blocking (restrict) ones first, then cascade, then setNull. */
  readonly groups: readonly RuleGroup[];
  /** True when restrict holders make the engine refuse the delete. */
  readonly refused: boolean;
  /** The sentences to show, one per rule. */
  readonly lines: readonly string[];
}

/** The onDelete rule of a field (`tree`.`path`) pointing at `target`; restrict when unknown. */
export function ruleOf(database: Pick<DatabaseInfo, 'trees'>, tree: string, path: string, target: string): OnDelete {
  const ref = database.trees.find((t) => t.name === tree)?.references.find((r) => r.path === path && r.target === target);
  return ref?.onDelete === 'cascade' || ref?.onDelete === 'setNull' ? ref.onDelete : 'restrict';
}

const ORDER: Record<OnDelete, number> = { restrict: 0, cascade: 1, setNull: 2 };

/** Groups of holders with their rule, blocking ones first. */
export function groupByRule(database: Pick<DatabaseInfo, 'trees'>, target: string, groups: readonly HolderGroup[]): RuleGroup[] {
  return groups.map((g) => ({ ...g, onDelete: ruleOf(database, g.tree, g.path, target) })).sort((a, b) => ORDER[a.onDelete] - ORDER[b.onDelete]);
}

const records = (n: number) => `${n.toLocaleString('en-US')} record${n === 1 ? '' : 's'}`;
const counts = (groups: readonly RuleGroup[]) => groups.map((g) => `${g.tree}.${g.path}: ${g.count.toLocaleString('en-US')}`).join(', ');
const total = (groups: readonly RuleGroup[]) => groups.reduce((n, g) => n + g.count, 0);

/** The effect of deleting a record of `target` held by these groups (exact counts, whatever number of holders they list). */
export function deleteImpact(database: Pick<DatabaseInfo, 'trees'>, target: string, holderGroups: readonly HolderGroup[]): DeleteImpact {
  const groups = groupByRule(database, target, holderGroups);
  if (groups.length === 0) return { groups, refused: false, lines: ['Nothing points at this record.'] };
  const of = (rule: OnDelete) => groups.filter((g) => g.onDelete === rule);
  const restrict = of('restrict');
  if (restrict.length > 0) {
    const n = total(restrict);
    const fields = restrict.map((g) => `${g.tree}.${g.path}`).join(', ');
    return {
      groups,
      refused: true,
      lines: [`Refused: ${records(n)} still hold${n === 1 ? 's' : ''} it through ${fields} — change them first.`],
    };
  }
  const lines: string[] = [];
  const cascade = of('cascade');
  const setNull = of('setNull');
  if (cascade.length) lines.push(`${records(total(cascade))} will be deleted too (${counts(cascade)}), and whatever those hold in turn by the same rules.`);
  if (setNull.length) lines.push(`${records(total(setNull))} will have their reference cleared (${counts(setNull)}).`);
  return { groups, refused: false, lines };
}
