/**
 * "Referenced by": the records that point at the selected one, grouped by
 * tree and field, from the engine's reverse-reference index (no scan).
 * Refreshed after writes anywhere, since a holder can live in any tree.
 */
import { useContext, useEffect, useState, type JSX } from 'react';
import type { JsonKey } from '../../../app/contract/index.js';
import { NavigatorContext, useClient } from '../state/contexts.js';
import { groupHolders, type HolderGroup } from './group-holders.js';

const LIMIT = 200;
const REFRESH_DELAY_MS = 150;

type Loaded = { groups: HolderGroup[]; truncated: boolean } | { error: string } | undefined;

export function ReferencedBy({ tree, recordKey }: { tree: string; recordKey: JsonKey }): JSX.Element {
  const client = useClient();
  const navigator = useContext(NavigatorContext);
  const [loaded, setLoaded] = useState<Loaded>(undefined);
  const [generation, setGeneration] = useState(0);
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
      .call('records.referencedBy', { tree, key: JSON.parse(keyText) as JsonKey, limit: LIMIT })
      .then(({ holders, truncated }) => current && setLoaded({ groups: groupHolders(holders), truncated }))
      .catch((error: unknown) => current && setLoaded({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [client, tree, keyText, generation]);

  return (
    <section className="referenced-by" data-testid="referenced-by" aria-label="Referenced by">
      <h3>Referenced by</h3>
      {loaded === undefined && <div className="muted">Loading…</div>}
      {loaded && 'error' in loaded && <div className="error-text">{loaded.error}</div>}
      {loaded && 'groups' in loaded && loaded.groups.length === 0 && (
        <div className="muted" data-testid="backref-empty">
          No record refers to this one.
        </div>
      )}
      {loaded && 'groups' in loaded &&
        loaded.groups.map((group) => (
          <div className="backref-group" data-testid="backref-group" data-tree={group.tree} data-path={group.path} key={`${group.tree} ${group.path}`}>
            <div className="backref-group-title">
              {group.tree} <span className="muted">· {group.path}</span> <span className="badge">{group.holders.length}</span>
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
      {loaded && 'truncated' in loaded && loaded.truncated && <div className="muted">Showing the first {LIMIT}.</div>}
    </section>
  );
}
