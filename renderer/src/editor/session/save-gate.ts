/**
 * Whether Save may run, one rule for the Save button, the Record › Save
 * command and Monaco's own Ctrl/Cmd+S. Asked with the text in the editor at
 * that moment (a keypress can come before React has seen the last edit), so
 * "no changes" and "problems" are judged on that exact text.
 */
import type { TextProblem } from '../text/json5-text.js';

export interface SaveFacts {
  /** Why writing is off (read-only), if it is. */
  readonly readOnlyWhy: string | undefined;
  readonly busy: boolean;
  readonly broken: boolean;
  readonly conflict: boolean;
  readonly mode: 'edit' | 'create';
  /** The text as loaded or last saved. */
  readonly baseText: string;
  /** The problems shown, and the text they were found in. */
  readonly problems: readonly TextProblem[];
  readonly problemsText: string;
}

/** Why Save is not offered for `text`, or undefined when it is. */
export function saveBlocked(facts: SaveFacts, text: string): string | undefined {
  if (facts.readOnlyWhy) return facts.readOnlyWhy;
  if (facts.busy) return 'Working…';
  if (facts.broken) return 'The stored value does not decode';
  if (facts.conflict) return 'Resolve the conflict first';
  // Problems of an older text are not this text's: save re-checks it anyway.
  if (facts.problems.length > 0 && facts.problemsText === text) return 'Fix the problems first';
  if (facts.mode === 'edit' && text === facts.baseText) return 'No changes to save';
  return undefined;
}

/**
 * The problems to show. A fresh create template is not the user's mistake:
 * until they edit it (or try to save) only syntax problems show, and the
 * template always parses.
 */
export function shownProblems(problems: readonly TextProblem[], quiet: boolean): readonly TextProblem[] {
  return quiet ? [] : problems;
}
