/**
 * The trail that led here: the history up to the current place, last few
 * steps shown. Clicking a step goes back to it, like pressing Back that often.
 */
import { useSyncExternalStore, type JSX } from 'react';
import { LabelledKey } from '../labels/LabelledKey.js';
import { useRecordLookup } from '../state/contexts.js';
import type { HistorySnapshot } from '../state/history.js';
import { viewLabel } from '../schema/places.js';
import { breadcrumbTrail } from './breadcrumb-trail.js';

const STEPS_SHOWN = 6;

export function Breadcrumbs({ snapshot, go }: { snapshot: HistorySnapshot; go(index: number): void }): JSX.Element {
  const trail = breadcrumbTrail(snapshot);
  const steps = trail.slice(-STEPS_SHOWN);
  // A record's step shows its label, as far as the window learnt it (a followed link, a shown record).
  const labels = useRecordLookup().labels;
  useSyncExternalStore(labels.subscribe, labels.snapshot);
  return (
    <nav className="breadcrumbs" data-testid="breadcrumbs" aria-label="Breadcrumbs">
      {trail.length > steps.length && <span className="muted">…</span>}
      {steps.map(({ location, index }, i) => {
        const label = viewLabel(location) ?? location.selected ?? (location.query ? `${location.tree} (filtered)` : location.tree);
        const current = index === snapshot.index;
        return (
          <span key={index} className="breadcrumb-step">
            {i > 0 && <span className="breadcrumb-separator" aria-hidden="true">›</span>}
            <button type="button" className="breadcrumb" data-testid="breadcrumb" data-label={location.selected ? labels.label(location.selected) : undefined} title={location.selected} aria-current={current ? 'location' : undefined} disabled={current} onClick={() => go(index)}>
              {location.selected ? <LabelledKey label={labels.label(location.selected)} keyText={location.selected} /> : label}
            </button>
          </span>
        );
      })}
    </nav>
  );
}
