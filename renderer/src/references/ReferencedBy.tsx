/**
 * "Referenced by": the records that point at the selected one, grouped by
 * tree and field, from the engine's reverse-reference index (no scan).
 * Refreshed after writes anywhere, since a holder can live in any tree.
 */
import { useContext, useEffect, useState, type JSX } from 'react';
import type { JsonKey } from '../../../app/contract/index.js';
import { MAX_PAGE } from '../../../app/contract/limits.js';
import { NavigatorContext, useClient } from '../state/contexts.js';
import { groupBadge, groupHolders, nextLimit, type HolderGroup } from './group-holders.js';

const FIRST_LIMIT = 200;
const REFRESH_DELAY_MS = 150;

type Loaded = { groups: HolderGroup[]; truncated: boolean; count: number; limit: number } | { error: string } | undefined;

export function ReferencedBy({ tree, recordKey }: { tree: string; recordKey: JsonKey }): JSX.Element {
  const client = useClient();
  const navigator = useContext(NavigatorContext);
  const [loaded, setLoaded] = useState<Loaded>(undefined);
  const [generation, setGeneration] = useState(0);
  const [limit, setLimit] = useState(FIRST_LIMIT);
  const keyText = JSON.stringify(recordKey);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('changes', () => {
      clearTimeout(timer);
      timer = setTimeout(() => setGeneration((g) => g + 1), REFRESH_DELAY_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client]);

  useEffect(() => {
    let current = true;
    client
      .call('records.referencedBy', { tree, key: JSON.parse(keyText) as JsonKey, limit })
      .then(({ holders, truncated }) => current && setLoaded({ groups: groupHolders(holders, truncated), truncated, count: holders.length, limit }))
      .catch((error: unknown) => current && setLoaded({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [client, tree, keyText, generation, limit]);

  const more = loaded && 'truncated' in loaded && loaded.truncated ? nextLimit(loaded.limit, MAX_PAGE) : undefined;

  return (
    <section className="referenced-by" data-testid="referenced-by" aria-label="Referenced by">
      <h3>Referenced by</h3>
      {loaded === undefined && <div className="muted">Loading…</div>}
      {loaded && 'error' in loaded && <div className="error-text">Could not load the records that refer to this one: {loaded.error}</div>}
      {loaded && 'truncated' in loaded && loaded.truncated && (
        <div className="backref-partial" data-testid="backref-partial" role="note">
          Partial list: {more === undefined ? `only the first ${loaded.count.toLocaleString('en-US')} shown` : `showing the first ${loaded.count.toLocaleString('en-US')}`}; more records refer to this one.
          {more !== undefined && (
            <button type="button" className="link-button" data-testid="backref-more" onClick={() => setLimit(more)}>
              Show more
            </button>
          )}
        </div>
      )}
      {loaded && 'groups' in loaded && loaded.groups.length === 0 && (
        <div className="muted" data-testid="backref-empty">
          No record refers to this one.
        </div>
      )}
      {loaded && 'groups' in loaded &&
        loaded.groups.map((group) => (
          <div className="backref-group" data-testid="backref-group" data-tree={group.tree} data-path={group.path} key={`${group.tree} ${group.path}`}>
            <div className="backref-group-title">
              {group.tree} <span className="muted">· {group.path}</span> <span className="badge" title={group.maybeMore ? 'The list was cut off: this field may hold more' : undefined}>
                {groupBadge(group)}
              </span>
            </div>
            <ul>
              {group.holders.map((holder) => (
                <li key={holder.text}>
                  <a
                    href={`#${holder.text}`}
                    className="backref-link"
                    data-testid="backref-link"
                    data-target={holder.text}
                    onClick={(event) => {
                      event.preventDefault();
                      navigator.follow(holder.text);
                    }}
                  >
                    {holder.text}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      {more !== undefined && (
        <button type="button" className="link-button" data-testid="backref-more-bottom" onClick={() => setLimit(more)}>
          Show more
        </button>
      )}
    </section>
  );
}
