/**
 * The two sides of a conflict as the diff shows them. Theirs is written by
 * our JSON5 writer; mine is too when it parses, so the diff shows what
 * differs in the values rather than quotes, indentation or key order of
 * typing. The editor keeps the user's own text (and comments) regardless.
 */
import type { RecordEntry } from '../../../../app/contract/index.js';
import { parseJson5, toJson5 } from '../text/json5-text.js';

export interface ConflictTexts {
  readonly theirs: string;
  readonly mine: string;
  /** False when mine does not parse and is shown as typed. */
  readonly mineFormatted: boolean;
}

export function conflictTexts(mine: string, theirs: RecordEntry | null): ConflictTexts {
  const theirsText = theirs === null ? '// deleted by someone else' : theirs.value === undefined ? '// the stored value does not decode' : toJson5(theirs.value);
  const parsed = parseJson5(mine);
  return parsed.ok ? { theirs: theirsText, mine: toJson5(parsed.value), mineFormatted: true } : { theirs: theirsText, mine, mineFormatted: false };
}
