/**
 * The catalog's trees by name, as the engine's path planner and completion
 * read them (@trellis/engine/common/path-plan, path-completion), made from the
 * tree summaries the window already holds (`DatabaseInfo.trees` carries each
 * stored tree whole: value schema, references). One map per answer.
 */
import type { StoredTree } from '@trellis/engine/common/catalog';
import type { DatabaseInfo } from '../../../app/contract/index.js';

export type PathTrees = Readonly<Record<string, StoredTree>>;

const made = new WeakMap<DatabaseInfo['trees'], PathTrees>();

export function pathTreesOf(trees: DatabaseInfo['trees']): PathTrees {
  let map = made.get(trees);
  if (!map) {
    map = Object.fromEntries(trees.map((tree) => [tree.name, tree]));
    made.set(trees, map);
  }
  return map;
}
