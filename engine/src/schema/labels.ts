/**
 * Checks a tree's declared label fields against its value schema: the
 * declaration (assemble.ts) and the catalog check on open (catalog.ts) refuse
 * the same things, so a stored label always names fields that can label.
 */
import { isLabelSchema, schemaAtField } from '../common/labels.js';
import type { JsonSchema } from '../common/catalog.js';

/** Why `path` cannot label records of this value schema; undefined when it can. */
export function labelProblem(value: JsonSchema, path: string): string | undefined {
  const node = schemaAtField(value, path);
  if (!node) return `'${path}' is not a field of the value`;
  if (!isLabelSchema(node)) return `'${path}' must be text, a number or a boolean to label a record (not a reference, timestamp, bytes, list or object)`;
  return undefined;
}
