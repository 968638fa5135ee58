/**
 * Which history entries the breadcrumbs show. Every filter applied or cleared
 * is a history entry (Back returns to it), but as a trail they are one place:
 * a run of entries of one tree without a selected record shows as its last
 * entry, and a step that repeats the one before it (the same record followed
 * twice) shows once. Clicking a crumb still goes to that exact entry.
 */
import type { HistorySnapshot, ViewLocation } from '../state/history.js';

export interface Crumb {
  /** The history entry it goes to. */
  readonly index: number;
  readonly location: ViewLocation;
}

export function breadcrumbTrail(snapshot: HistorySnapshot): Crumb[] {
  const trail: Crumb[] = [];
  snapshot.entries.slice(0, snapshot.index + 1).forEach((location, index) => {
    const last = trail.at(-1);
    if (last && samePlace(last.location, location)) trail[trail.length - 1] = { index, location };
    else trail.push({ index, location });
  });
  return trail;
}

function samePlace(a: ViewLocation, b: ViewLocation): boolean {
  if (a.tree !== b.tree || a.view !== b.view) return false;
  if (a.selected === undefined && b.selected === undefined) return true;
  return a.selected === b.selected && JSON.stringify(a.query ?? null) === JSON.stringify(b.query ?? null);
}
