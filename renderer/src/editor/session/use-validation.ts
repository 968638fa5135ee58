/**
 * Problems of the current text, checked ~250 ms after the last keystroke.
 * Answers that arrive after a newer edit are dropped, so the markers always
 * belong to the text on screen.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Transport } from '../../../../app/contract/index.js';
import { checkText, type CheckResult } from './check-text.js';
import type { TextProblem } from '../text/json5-text.js';

const DEBOUNCE_MS = 250;

export interface Validation {
  readonly problems: readonly TextProblem[];
  /** The text `problems` were found in (they stay up, moved by Monaco, while a newer text is checked). */
  readonly checkedText: string;
  /** True until the text on screen has been checked. */
  readonly pending: boolean;
  /** Checks now (for a save) and shows the result. */
  readonly checkNow: (text: string) => Promise<CheckResult>;
  /** Shows problems found elsewhere (a write the host refused) for this text. */
  readonly show: (text: string, problems: readonly TextProblem[]) => void;
}

export function useValidation(client: Transport, tree: string, text: string, enabled: boolean): Validation {
  const [state, setState] = useState<{ text: string; problems: readonly TextProblem[] }>({ text: '', problems: [] });
  const latest = useRef(text);
  latest.current = text;

  const show = useCallback((checked: string, problems: readonly TextProblem[]) => {
    if (checked === latest.current) setState({ text: checked, problems });
  }, []);

  const checkNow = useCallback(
    async (checked: string) => {
      const result = await checkText(client, tree, checked);
      show(checked, result.problems);
      return result;
    },
    [client, tree, show],
  );

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => void checkNow(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, text, checkNow]);

  const current = state.text === text;
  // While a check is pending the last problems stay up: Monaco moves their markers with the edits.
  return { problems: enabled ? state.problems : [], checkedText: state.text, pending: enabled && !current, checkNow, show };
}
