/**
 * The trail that led here: the history up to the current place, last few
 * steps shown. Clicking a step goes back to it, like pressing Back that often.
 */
import type { JSX } from 'react';
import type { HistorySnapshot } from '../state/history.js';
import { viewLabel } from '../schema/places.js';
import { breadcrumbTrail } from './breadcrumb-trail.js';

const STEPS_SHOWN = 6;

export function Breadcrumbs({ snapshot, go }: { snapshot: HistorySnapshot; go(index: number): void }): JSX.Element {
  const trail = breadcrumbTrail(snapshot);
  const steps = trail.slice(-STEPS_SHOWN);
  return (
    <nav className="breadcrumbs" data-testid="breadcrumbs" aria-label="Breadcrumbs">
      {trail.length > steps.length && <span className="muted">…</span>}
      {steps.map(({ location, index }, i) => {
        const label = viewLabel(location) ?? location.selected ?? (location.query ? `${location.tree} (filtered)` : location.tree);
        const current = index === snapshot.index;
        return (
          <span key={index} className="breadcrumb-step">
            {i > 0 && <span className="breadcrumb-separator" aria-hidden="true">›</span>}
            <button type="button" className="breadcrumb" data-testid="breadcrumb" aria-current={current ? 'location' : undefined} disabled={current} onClick={() => go(index)}>
              {label}
            </button>
          </span>
        );
      })}
    </nav>
  );
}
