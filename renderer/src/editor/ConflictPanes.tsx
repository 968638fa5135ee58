/**
 * Two versions of a record side by side, each under its header: the diff of a
 * conflict (the record panel's, ConflictView; a replica's, renderer/src/sync).
 * Monaco's diff editor is in the editor's own chunk and loads lazily.
 */
import { lazy, Suspense, type JSX } from 'react';

const DiffPane = lazy(() => import('./monaco/DiffPane.js').then((module) => ({ default: module.DiffPane })));

export interface ConflictPanesProps {
  readonly theirs: string;
  readonly mine: string;
  readonly theirsHeader: string;
  readonly mineHeader: string;
  readonly theme: 'light' | 'dark';
}

export function ConflictPanes({ theirs, mine, theirsHeader, mineHeader, theme }: ConflictPanesProps): JSX.Element {
  return (
    <>
      <div className="conflict-headers" aria-hidden="true">
        <div className="conflict-header" data-testid="conflict-theirs-header">
          {theirsHeader}
        </div>
        <div className="conflict-header" data-testid="conflict-mine-header">
          {mineHeader}
        </div>
      </div>
      <Suspense fallback={<div className="conflict-panes" />}>
        <DiffPane original={theirs} modified={mine} theme={theme} />
      </Suspense>
    </>
  );
}
