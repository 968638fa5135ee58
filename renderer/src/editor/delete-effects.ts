/**
 * What deleting a record of a tree does to the records that point at it, read
 * from the catalog's reference declarations, for the confirm step.
 */
import type { DatabaseInfo } from '../../../app/contract/index.js';

export interface DeleteEffects {
  /** Records deleted along with this one. */
  readonly cascade: readonly string[];
  /** Fields cleared (or list elements dropped). */
  readonly setNull: readonly string[];
  /** Fields whose holders make the delete refused. */
  readonly restrict: readonly string[];
}

export function deleteEffects(database: Pick<DatabaseInfo, 'trees'>, treeName: string): DeleteEffects {
  const effects = { cascade: [] as string[], setNull: [] as string[], restrict: [] as string[] };
  for (const tree of database.trees) {
    for (const ref of tree.references) {
      if (ref.target !== treeName) continue;
      const where = `${tree.name}.${ref.path}`;
      if (ref.onDelete === 'cascade') effects.cascade.push(where);
      else if (ref.onDelete === 'setNull') effects.setNull.push(where);
      else effects.restrict.push(where);
    }
  }
  return effects;
}

/** The sentences of the confirm step; empty when nothing points at the tree. */
export function describeDeleteEffects(effects: DeleteEffects): string[] {
  const lines: string[] = [];
  if (effects.cascade.length) lines.push(`Records that point here through ${effects.cascade.join(', ')} are deleted too (and so on down).`);
  if (effects.setNull.length) lines.push(`References in ${effects.setNull.join(', ')} are cleared.`);
  if (effects.restrict.length) lines.push(`The delete is refused while ${effects.restrict.join(', ')} still point here.`);
  return lines;
}
