/**
 * The URL fragment of a place that shows a schema: browser-location.ts's
 * fragment with `view=schema` or `view=diagram` in its query
 * (`#/tasks?view=schema`). A module of its own because the boot script reads
 * fragments through browser-location.ts to guess the first rows, and that
 * module ships in the boot chunk, which this need not grow.
 */
import { hashToLocation, locationToHash } from './browser-location.js';
import type { PlaceView, ViewLocation } from './history.js';

const VIEWS: readonly PlaceView[] = ['schema', 'diagram'];

export function placeToHash(location: ViewLocation): string {
  const hash = locationToHash(location);
  return location.view ? `${hash}${hash.includes('?') ? '&' : '?'}view=${location.view}` : hash;
}

/** The place a fragment names, its view included; undefined for anything else. */
export function hashToPlace(hash: string): ViewLocation | undefined {
  const location = hashToLocation(hash);
  const question = hash.indexOf('?');
  if (!location || question < 0) return location;
  const view = new URLSearchParams(hash.slice(question + 1)).get('view') as PlaceView | null;
  return view && VIEWS.includes(view) ? { ...location, view } : location;
}
