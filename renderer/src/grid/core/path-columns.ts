/**
 * Path columns: a column the user adds by typing a path from each row's record
 * (`owner->email`, `<-comments.task`), kept with the column layout by its text.
 * Its schema is what the path ends at (planned against the catalog), so its
 * cells draw a single value as the value's own cell; a fan-out is a list.
 */
import { planPath } from '@trellis/engine/common/path-plan';
import type { PathTrees } from '../../paths/path-trees.js';
import { valueTypeFor } from '../../values/registry.js';
import type { JsonSchema } from '../../values/value-type.js';
import type { GridColumn } from './columns.js';
import type { PathCells } from './path-cells.js';

export const PATH_COLUMN_PREFIX = 'path:';
const PATH_COLUMN_WIDTH = 180;

export function pathColumnId(path: string): string {
  return `${PATH_COLUMN_PREFIX}${path}`;
}

export function isPathColumn(id: string): boolean {
  return id.startsWith(PATH_COLUMN_PREFIX);
}

/** The column of `path` from the records of `tree`; its cells come from `cells`. */
export function pathColumn(trees: PathTrees, tree: string, path: string, cells: PathCells): GridColumn {
  const check = planPath(trees, tree, path);
  const ends = check.ok ? check.plan.ends : undefined;
  const schema: JsonSchema = ends?.kind === 'value' ? ends.node : {};
  const many = check.ok && check.plan.many;
  const type = valueTypeFor(schema);
  return {
    id: pathColumnId(path),
    header: path,
    role: 'path',
    schema,
    type,
    width: Math.max(type.width, PATH_COLUMN_WIDTH),
    pathColumn: { path, many, endsAtRecord: ends?.kind === 'record', ...(check.ok ? {} : { problem: check.problem.reason }) },
    read: (entry) => cells.valueOf(path, entry.text, many),
  };
}
