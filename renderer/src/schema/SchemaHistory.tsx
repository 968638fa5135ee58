/**
 * The schema view's Schema history: every schema version of the database, newest
 * first, with the migration that made it (outcome, records, duration) or the
 * change applied on open, and the trees it touched; the tree on screen stands
 * out. The rows come from core/schema-history.ts.
 */
import { useMemo, type JSX } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { historyRows, touchesTree, type HistoryRow, type MigrationRow, type TreeChanges } from './core/schema-history.js';
import './schema-history.css';

export function SchemaHistory({ database, tree }: { database: DatabaseInfo; tree: string }): JSX.Element {
  const rows = useMemo(() => historyRows(database), [database]);
  return (
    <section className="schema-section" aria-labelledby="schema-history-title" data-testid="schema-history">
      <h2 id="schema-history-title">
        Schema history <span className="badge">{rows.length}</span>
        {rows.length > 0 && (
          <span className="muted schema-history-note">
            versions of the whole database, newest first; <span className="schema-history-mark">marked</span>: those that changed {tree}
          </span>
        )}
      </h2>
      {rows.length === 0 ? (
        <p className="muted schema-none" data-testid="schema-history-empty">
          No schema changes recorded: this database was written before Trellis kept a history of its schema (it is at schema version {database.schemaVersion}).
        </p>
      ) : (
        <table className="schema-table schema-history">
          <thead>
            <tr>
              <th>Version</th>
              <th>When</th>
              <th>Change</th>
              <th>Trees</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <VersionRow key={row.version} row={row} tree={tree} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function VersionRow({ row, tree }: { row: HistoryRow; tree: string }): JSX.Element {
  const touches = touchesTree(row, tree);
  return (
    <tr
      data-testid="schema-version"
      data-version={row.version}
      data-origin={row.origin.kind}
      data-current={row.current}
      className={touches ? 'touches-tree' : undefined}
      title={touches ? `This version changed ${tree}` : undefined}
    >
      <td className="schema-history-version">
        v{row.version}
        {row.current && <span className="schema-flag">current</span>}
      </td>
      <td className="schema-history-when">
        <time dateTime={row.at} title={row.at}>
          {row.when}
        </time>
      </td>
      <td>
        {row.origin.kind === 'migration' ? <Migration migration={row.origin.migration} /> : <p className="schema-history-origin">{ORIGIN_TEXT[row.origin.kind]}</p>}
        {row.notNeeded.map((migration) => (
          <Migration key={migration.id} migration={migration} />
        ))}
      </td>
      <td>{row.trees ? <Trees changes={row.trees} tree={tree} /> : <span className="muted" title="The versions before it were not recorded">—</span>}</td>
    </tr>
  );
}

const ORIGIN_TEXT = {
  created: 'database created with this schema',
  change: 'schema change applied on open',
  unrecorded: 'not in the recorded history',
} as const;

const OUTCOME_TITLE = {
  applied: 'The migration ran on this database',
  'not needed': 'The database was created by code that already declared this migration: there was nothing to migrate',
} as const;

function Migration({ migration }: { migration: MigrationRow }): JSX.Element {
  return (
    <p className="schema-migration" data-testid="schema-migration" data-migration={migration.id} data-outcome={migration.outcome} data-records={migration.records}>
      <span>
        migration <span className="mono">{migration.id}</span>
        {migration.description && `: ${migration.description}`}
      </span>{' '}
      <span className={`schema-outcome outcome-${migration.outcome === 'applied' ? 'applied' : 'not-needed'}`} title={OUTCOME_TITLE[migration.outcome]}>
        {migration.outcome}
      </span>
      {migration.facts && (
        <span className="muted schema-migration-facts" data-testid="schema-migration-facts">
          {migration.facts}
        </span>
      )}
    </p>
  );
}

function Trees({ changes, tree }: { changes: TreeChanges; tree: string }): JSX.Element {
  const groups = (['added', 'changed', 'removed'] as const).filter((kind) => changes[kind].length > 0);
  if (groups.length === 0) return <span className="muted">none</span>;
  return (
    <>
      {groups.map((kind) => (
        <span key={kind} className="schema-tree-changes" data-testid="schema-version-trees" data-change={kind}>
          <span className="muted">{kind} </span>
          {changes[kind].map((name, i) => (
            <span key={name}>
              {i > 0 && ', '}
              <span className={`mono${name === tree ? ' this-tree' : ''}`}>{name}</span>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}
