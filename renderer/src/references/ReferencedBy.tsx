/**
 * "Referenced by": the records that point at the selected one, one group per
 * tree and field, each with its exact count (the engine counts its range of
 * the reverse-reference index, no scan) and its own "Show more". Refreshed
 * after writes anywhere, since a holder can live in any tree.
 */
import { useContext, useEffect, useState, type JSX } from 'react';
import type { DatabaseInfo, JsonKey, ResultOf } from '../../../app/contract/index.js';
import { MAX_PAGE } from '../../../app/contract/limits.js';
import { copyKeyOnShortcut, keyPartOf, keyTitle, LabelledKey } from '../labels/LabelledKey.js';
import { NavigatorContext, useClient, useRecordLookup } from '../state/contexts.js';
import { referenceName } from './field-links.js';

type Group = ResultOf<'records.referenceGroups'>['groups'][number];
type Loaded = { groups: Group[] } | { error: string } | undefined;

const FIRST_HOLDERS = 50;
const REFRESH_DELAY_MS = 150;

/** `database`: the holders' trees, to name a reference over existing fields with its fields (`state (countryCode, stateCode)`). */
export function ReferencedBy({ tree, recordKey, database }: { tree: string; recordKey: JsonKey; database: Pick<DatabaseInfo, 'trees'> }): JSX.Element {
  const client = useClient();
  const navigator = useContext(NavigatorContext);
  const labels = useRecordLookup().labels;
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
      .call('records.referenceGroups', { tree, key: JSON.parse(keyText) as JsonKey, limit: FIRST_HOLDERS })
      .then(({ groups }) => {
        // Holders followed from here show their label in the breadcrumbs and the panel at once.
        labels.note(holderLabels(groups.flatMap((group) => group.holders)));
        if (current) setLoaded({ groups });
      })
      .catch((error: unknown) => current && setLoaded({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [client, labels, tree, keyText, generation]);

  /** The next page of one group, after the last holder shown; the other groups stay as they are. */
  const showMore = (group: Group) => {
    const after = group.holders.at(-1)?.key;
    client
      .call('records.referencedBy', { tree, key: JSON.parse(keyText) as JsonKey, limit: MAX_PAGE, group: { tree: group.tree, path: group.path, ...(after === undefined ? {} : { after }) } })
      .then(({ holders }) => {
        labels.note(holderLabels(holders));
        setLoaded((now) => {
          if (!now || !('groups' in now)) return now;
          const groups = now.groups.map((g) => {
            if (g.tree !== group.tree || g.path !== group.path) return g;
            const shown = [...g.holders, ...holders];
            return { ...g, holders: shown, hasMore: g.count > shown.length && holders.length > 0 };
          });
          return { groups };
        });
      })
      .catch((error: unknown) => setLoaded({ error: error instanceof Error ? error.message : String(error) }));
  };

  return (
    <section className="referenced-by" data-testid="referenced-by" aria-label="Referenced by">
      <h3>Referenced by</h3>
      {loaded === undefined && <div className="muted">Loading…</div>}
      {loaded && 'error' in loaded && <div className="error-text">Could not load the records that refer to this one: {loaded.error}</div>}
      {loaded && 'groups' in loaded && loaded.groups.length === 0 && (
        <div className="muted" data-testid="backref-empty">
          No record refers to this one.
        </div>
      )}
      {loaded && 'groups' in loaded &&
        loaded.groups.map((group) => (
          <div className="backref-group" data-testid="backref-group" data-tree={group.tree} data-path={group.path} data-count={group.count} key={`${group.tree} ${group.path}`}>
            <div className="backref-group-title">
              {group.tree} <span className="muted">· {groupName(database, group)}</span>{' '}
              <span className="badge" data-testid="backref-count" title={`${group.count.toLocaleString('en-US')} records of ${group.tree} refer to this one through ${groupName(database, group)}`}>
                {group.count.toLocaleString('en-US')}
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
                    data-label={holder.label}
                    title={keyTitle(holder.text, holder.label, 'Go to')}
                    onKeyDown={copyKeyOnShortcut(holder.text)}
                    onClick={(event) => {
                      event.preventDefault();
                      navigator.follow(holder.text);
                    }}
                  >
                    <LabelledKey label={holder.label} keyText={holder.label === undefined ? holder.text : keyPartOf(holder.text)} />
                  </a>
                </li>
              ))}
            </ul>
            {group.hasMore && (
              <button type="button" className="link-button" data-testid="backref-more" onClick={() => showMore(group)}>
                Show more ({(group.count - group.holders.length).toLocaleString('en-US')} not shown)
              </button>
            )}
          </div>
        ))}
    </section>
  );
}

function holderLabels(holders: readonly { text: string; label?: string }[]): Record<string, string> {
  return Object.fromEntries(holders.flatMap((holder) => (holder.label === undefined ? [] : [[holder.text, holder.label]])));
}

/** The reference a group of holders refers through, as the holder's tree declares it. */
function groupName(database: Pick<DatabaseInfo, 'trees'>, group: Pick<Group, 'tree' | 'path'>): string {
  const declared = database.trees.find((t) => t.name === group.tree)?.references.find((r) => r.path === group.path);
  return declared ? referenceName(declared) : group.path;
}
