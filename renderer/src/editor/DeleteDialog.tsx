/**
 * The delete confirm step, saying what deleting this record does (from the
 * records that point at it now), and, when the host refuses because records
 * still point here, who holds it, as links to go and fix them. Holders are
 * grouped by tree and field, blocking (restrict) ones first.
 */
import { useEffect, useState, type JSX } from 'react';
import type { DatabaseInfo, HolderDetail, JsonKey, Transport } from '../../../app/contract/index.js';
import { groupHolders } from '../references/group-holders.js';
import { deleteImpact, groupByRule, type DeleteImpact, type RuleGroup } from './session/delete-effects.js';

/** Holders listed per group; the counts are exact whatever this is. */
const FIRST_HOLDERS = 50;

export interface DeleteConfirmProps {
  readonly client: Transport;
  readonly database: Pick<DatabaseInfo, 'trees'>;
  readonly tree: string;
  readonly recordKey: JsonKey;
  readonly text: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly onFollow: (target: string) => void;
}

type Loaded = { readonly impact: DeleteImpact } | { readonly error: string } | undefined;

export function DeleteConfirm(props: DeleteConfirmProps): JSX.Element {
  const { client, database, tree, recordKey } = props;
  const [loaded, setLoaded] = useState<Loaded>(undefined);
  const keyText = JSON.stringify(recordKey);
  useEffect(() => {
    let current = true;
    setLoaded(undefined);
    client
      .call('records.referenceGroups', { tree, key: JSON.parse(keyText) as JsonKey, limit: FIRST_HOLDERS })
      .then(({ groups }) => current && setLoaded({ impact: deleteImpact(database, tree, groups) }))
      .catch((error: unknown) => current && setLoaded({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [client, database, tree, keyText]);

  const impact = loaded && 'impact' in loaded ? loaded.impact : undefined;
  const refused = impact?.refused ?? false;
  return (
    <div className="editor-dialog" role="alertdialog" aria-label="Confirm delete" data-testid="delete-confirm" data-state={loaded === undefined ? 'loading' : refused ? 'refused' : 'ready'}>
      <p>
        Delete <code>{props.text}</code>?
      </p>
      {loaded === undefined ? <p className="editor-dialog-note">Looking up what points at this record…</p> : null}
      {loaded && 'error' in loaded ? <p className="editor-dialog-note">Could not look up what points here ({loaded.error}); the delete is still checked when it runs.</p> : null}
      {impact?.lines.map((line) => (
        <p key={line} className="editor-dialog-note" data-testid="delete-effect">
          {line}
        </p>
      ))}
      {impact && impact.groups.length > 0 ? (
        refused ? (
          <div data-testid="delete-refused">
            <HolderGroups groups={impact.groups} onFollow={props.onFollow} />
          </div>
        ) : (
          <HolderGroups groups={impact.groups} onFollow={props.onFollow} />
        )
      ) : null}
      <button
        type="button"
        data-testid="delete-confirm-yes"
        disabled={props.busy || loaded === undefined || refused}
        title={refused ? 'Change the records that still point here first' : undefined}
        onClick={props.onConfirm}
      >
        Delete
      </button>
      <button type="button" data-testid="delete-confirm-no" onClick={props.onCancel} autoFocus>
        Cancel
      </button>
    </div>
  );
}

export interface DeleteRefusedProps {
  readonly database: Pick<DatabaseInfo, 'trees'>;
  readonly tree: string;
  readonly holders: readonly HolderDetail[];
  readonly onFollow: (target: string) => void;
  readonly onClose: () => void;
}

export function DeleteRefused(props: DeleteRefusedProps): JSX.Element {
  return (
    <div className="editor-dialog" role="alert" data-testid="delete-refused">
      <p>Not deleted: these records still point here. Change or delete them first.</p>
      <HolderGroups groups={groupByRule(props.database, props.tree, groupHolders(props.holders))} onFollow={props.onFollow} />
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}

const RULE_NOTE = { restrict: 'blocks the delete', cascade: 'deleted too', setNull: 'reference cleared' } as const;

function HolderGroups({ groups, onFollow }: { readonly groups: readonly RuleGroup[]; readonly onFollow: (target: string) => void }): JSX.Element {
  return (
    <ul className="editor-holder-groups">
      {groups.map((group) => (
        <li key={`${group.tree} ${group.path}`} data-tree={group.tree} data-path={group.path} data-on-delete={group.onDelete}>
          <span>
            {group.tree}{' '}
            <span className="editor-dialog-note" data-testid="holder-group-count" data-count={group.count}>
              · {group.path} · {group.count.toLocaleString('en-US')}
              {group.count > group.holders.length ? ` (first ${group.holders.length.toLocaleString('en-US')} listed)` : ''} · {RULE_NOTE[group.onDelete]}
            </span>
          </span>
          <ul>
            {group.holders.map((h) => (
              <li key={h.text}>
                <a
                  href={`#${h.text}`}
                  data-testid="backref-link"
                  data-target={h.text}
                  onClick={(event) => {
                    event.preventDefault();
                    onFollow(h.text);
                  }}
                >
                  {h.text}
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
