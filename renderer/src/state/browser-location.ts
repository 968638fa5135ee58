/**
 * The app's place as a URL fragment, so a web page's address says where the
 * user is: `#/tasks`, `#/tasks/42` (the key as URL-encoded JSON), with an
 * index filter as a query (`#/tasks?index=byStatus&mode=equals&value=open`).
 * Reload restores the place from it; the browser's Back and Forward move
 * through the app's own history (see use-browser-history.ts).
 */
import type { FilterMode, IndexFilter, ViewLocation } from './history.js';
import { formatKeyText, isPlainKey, keyAddressOf } from '@trellis/engine/common/key-text';

const MODES: readonly FilterMode[] = ['equals', 'prefix', 'range'];

export function locationToHash(location: ViewLocation): string {
  let hash = `#/${encodeURIComponent(location.tree)}`;
  const address = location.selected ? keyAddressOf(location.selected) : undefined;
  if (address && address.tree === location.tree) hash += `/${encodeURIComponent(JSON.stringify(address.key))}`;
  if (location.filter) {
    const { index, mode, value, end } = location.filter;
    const query = new URLSearchParams({ index, mode, value, ...(end ? { end } : {}) });
    hash += `?${query.toString()}`;
  }
  return hash;
}

/** The place a fragment names, or undefined for anything else (an empty or foreign fragment). */
export function hashToLocation(hash: string): ViewLocation | undefined {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('/')) return undefined;
  const question = text.indexOf('?');
  const path = question >= 0 ? text.slice(1, question) : text.slice(1);
  const slash = path.indexOf('/');
  try {
    const tree = decodeURIComponent(slash >= 0 ? path.slice(0, slash) : path);
    if (!tree) return undefined;
    let location: ViewLocation = { tree };
    if (slash >= 0 && slash < path.length - 1) {
      const key: unknown = JSON.parse(decodeURIComponent(path.slice(slash + 1)));
      if (!isPlainKey(key)) return undefined;
      location = { ...location, selected: formatKeyText(tree, key) };
    }
    if (question >= 0) {
      const query = new URLSearchParams(text.slice(question + 1));
      const index = query.get('index');
      const mode = query.get('mode') as FilterMode | null;
      if (index && mode && MODES.includes(mode)) {
        const filter: IndexFilter = { index, mode, value: query.get('value') ?? '', end: query.get('end') ?? '' };
        location = { ...location, filter };
      }
    }
    return location;
  } catch {
    return undefined;
  }
}
