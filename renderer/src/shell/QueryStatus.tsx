/**
 * Under the filter bar: how the host answers the view (through which index,
 * or by reading every record) and, while it reads, how far it has got, how
 * many matched so far, and a Cancel that keeps what was found.
 */
import { useCallback, useSyncExternalStore, type JSX } from 'react';
import type { QueryView } from '../grid/core/query-view.js';

const number = (n: number) => n.toLocaleString('en-US');

export function QueryStatus({ view }: { view: QueryView }): JSX.Element | null {
  const subscribe = useCallback((listener: () => void) => view.subscribe(listener), [view]);
  const state = useSyncExternalStore(subscribe, () => view.current);
  const { plan, progress, error } = state;
  if (error) {
    return (
      <div className="query-status failed" role="alert" data-testid="query-status">
        {error}
      </div>
    );
  }
  if (!plan || !progress) return null;
  const reading = !progress.done;
  const share = progress.total > 0 ? Math.min(1, progress.scanned / progress.total) : 1;
  return (
    <div className={`query-status${reading ? ' reading' : ''}`} data-testid="query-status" data-plan={plan.source} data-done={progress.done}>
      <span className="query-plan" data-testid="query-plan">
        {plan.explanation}
      </span>
      {reading && (
        <>
          <progress max={1} value={share} aria-label="Records read" />
          <span data-testid="query-progress">
            {progress.ordered ? 'Reading' : 'Reading, then sorting'}: {number(progress.scanned)} of {number(progress.total)} · {number(progress.matches)} {progress.matches === 1 ? 'match' : 'matches'} so far
          </span>
          <button type="button" data-testid="query-cancel" onClick={() => void view.cancel()}>
            Cancel
          </button>
        </>
      )}
      {progress.cancelled && <span data-testid="query-cancelled">Stopped after {number(progress.scanned)} of {number(progress.total)} records: the matches shown are among those.</span>}
      {progress.truncated && <span>Only the first {number(progress.matches)} matches are kept: narrow the filter to see the rest.</span>}
      {progress.error && (
        <span className="query-error" role="alert">
          {progress.error.message}
        </span>
      )}
    </div>
  );
}
