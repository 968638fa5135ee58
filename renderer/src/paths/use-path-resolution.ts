/**
 * What the path bar shows for a path from one record: nothing for an empty
 * path; the step that does not fit the schema (INVALID_PATH, found here with
 * the engine's own planner, before the host is asked); or, once the text has
 * held still a moment, the host's answer — the results with their hops, or the
 * step and record where the data did not lead on (BAD_PATH). Asked again when
 * any change event arrives (a path reads other records too).
 */
import { useEffect, useMemo, useState } from 'react';
import { planPath, type PathCheck } from '@trellis/engine/common/path-plan';
import { HostError } from '../../../app/contract/errors.js';
import type { JsonKey, PathMatch } from '../../../app/contract/index.js';
import { useClient } from '../state/contexts.js';
import type { PathTrees } from './path-trees.js';

export type PathOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'invalid'; readonly step: number; readonly text: string; readonly at: number; readonly reason: string }
  | { readonly kind: 'loading' }
  | { readonly kind: 'results'; readonly matches: readonly PathMatch[]; readonly truncated: boolean }
  | { readonly kind: 'bad'; readonly step: number; readonly text: string; readonly record: string | undefined; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Results asked for at most: a list to read, with "more results not shown" past it. */
export const PATH_RESULTS = 50;
/** How long the text holds still before the host is asked (or the problem shown). */
const SETTLE_MS = 250;

export function usePathResolution(trees: PathTrees, tree: string, key: JsonKey, text: string): { check: PathCheck | undefined; outcome: PathOutcome } {
  const client = useClient();
  const check = useMemo(() => (text.trim() === '' ? undefined : planPath(trees, tree, text)), [trees, tree, text]);
  const [outcome, setOutcome] = useState<PathOutcome>({ kind: 'idle' });
  const [changes, setChanges] = useState(0);
  useEffect(() => client.on('changes', () => setChanges((n) => n + 1)), [client]);
  const keyText = JSON.stringify(key);

  useEffect(() => {
    if (!check) {
      setOutcome({ kind: 'idle' });
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      if (!check.ok) return setOutcome({ kind: 'invalid', ...check.problem });
      setOutcome((previous) => (previous.kind === 'results' ? previous : { kind: 'loading' }));
      client
        .call('records.resolvePath', { tree, key, path: text, limit: PATH_RESULTS })
        .then(({ matches, truncated }) => current && setOutcome({ kind: 'results', matches, truncated }))
        .catch((error: unknown) => current && setOutcome(failureOutcome(error)));
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, check, tree, keyText, text, changes]);

  return { check, outcome };
}

function failureOutcome(error: unknown): PathOutcome {
  if (!(error instanceof HostError)) return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  const problem = error.payload.pathProblem;
  if (error.code === 'BAD_PATH' && problem) return { kind: 'bad', step: problem.step, text: problem.text, record: problem.record, reason: problem.reason };
  if (error.code === 'INVALID_PATH' && problem) return { kind: 'invalid', step: problem.step, text: problem.text, at: problem.at ?? 0, reason: problem.reason };
  return { kind: 'failed', message: error.message };
}
