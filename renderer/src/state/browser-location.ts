/**
 * The app's place as a URL fragment, so a web page's address says where the
 * user is: `#/tasks`, `#/tasks/42` (the key as URL-encoded JSON), with an
 * index filter as a query (`#/tasks?index=byStatus&mode=equals&value=open`).
 * Reload restores the place from it; the browser's Back and Forward move
 * through the app's own history (see use-browser-history.ts).
 */
import type { ViewLocation } from './history.js';
import type { ViewQuery } from './view-query.js';
import { formatKeyText, isPlainKey, keyAddressOf } from '@trellis/engine/common/key-text';
import { FILTER_OPERATORS } from '@trellis/engine/common/query-terms';

export function locationToHash(location: ViewLocation): string {
  let hash = `#/${encodeURIComponent(location.tree)}`;
  const address = location.selected ? keyAddressOf(location.selected) : undefined;
  if (address && address.tree === location.tree) hash += `/${encodeURIComponent(JSON.stringify(address.key))}`;
  if (location.query) hash += `?${new URLSearchParams({ q: JSON.stringify(location.query) }).toString()}`;
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
      const query = viewQueryFrom(new URLSearchParams(text.slice(question + 1)).get('q'));
      if (query) location = { ...location, query };
    }
    return location;
  } catch {
    return undefined;
  }
}

/** A view query read back from an address; anything else (hand-edited, from an older version) is left out. */
function viewQueryFrom(text: string | null): ViewQuery | undefined {
  if (!text) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const { match, conditions, sort } = value as Record<string, unknown>;
  if ((match !== 'all' && match !== 'any') || !Array.isArray(conditions)) return undefined;
  const rows = conditions.filter(
    (row): row is ViewQuery['conditions'][number] =>
      typeof row === 'object' && row !== null && typeof row.field === 'string' && (FILTER_OPERATORS as readonly unknown[]).includes(row.op) && typeof row.value === 'string' && typeof row.to === 'string',
  );
  const order = typeof sort === 'object' && sort !== null ? (sort as Record<string, unknown>) : undefined;
  const validSort = order && (order['field'] === undefined || typeof order['field'] === 'string') && (order['descending'] === undefined || typeof order['descending'] === 'boolean');
  return { match, conditions: rows.map(({ field, op, value: v, to }) => ({ field, op, value: v, to })), ...(validSort ? { sort: { ...(order['field'] ? { field: order['field'] as string } : {}), ...(order['descending'] ? { descending: true } : {}) } } : {}) };
}
