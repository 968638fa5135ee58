/**
 * Checks editor text the way a save would: syntax (momoa), what JSON cannot
 * carry, then the host's schema and reference check. Every problem has a
 * place in the text.
 */
import type { Transport } from '../../../../app/contract/index.js';
import { localProblems, locateIssue, sortProblems, type Issue } from '../text/issue-location.js';
import { parseJson5, type JsonValue, type TextProblem } from '../text/json5-text.js';
import { errorPayload } from './session-actions.js';

export interface CheckResult {
  /** The value, when the text parses (even if it has schema problems). */
  readonly value: JsonValue | undefined;
  readonly problems: readonly TextProblem[];
}

/** Places the host's issues (from validate or a refused write) in `text`. */
export function placeIssues(text: string, issues: readonly Issue[]): TextProblem[] {
  const outcome = parseJson5(text);
  if (!outcome.ok) return [outcome.problem];
  return sortProblems(issues.flatMap((issue) => locateIssue(outcome.document, issue)));
}

export async function checkText(client: Transport, tree: string, text: string): Promise<CheckResult> {
  const outcome = parseJson5(text);
  if (!outcome.ok) return { value: undefined, problems: [outcome.problem] };
  const local = localProblems(outcome.document);
  if (local.length > 0) return { value: outcome.value, problems: sortProblems(local) };
  try {
    const { issues } = await client.call('records.validate', { tree, value: outcome.value });
    return { value: outcome.value, problems: sortProblems(issues.flatMap((issue) => locateIssue(outcome.document, issue))) };
  } catch (error) {
    // Unchecked is not valid: report it as a problem on the whole value.
    return { value: outcome.value, problems: [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: `could not check: ${errorPayload(error).message}` }] };
  }
}
