/**
 * An LMDB environment without a Trellis catalog, open read-only: its databases
 * in the sidebar with their entry counts, and the chosen one's entries in the
 * table, keys and values decoded by the host's guess or the decoder the user
 * picks for each column (remembered per database while the environment is open).
 */
import { useEffect, useState, type JSX } from 'react';
import type { DatabaseInfo, RawDatabase } from '../../../app/contract/index.js';
import { useClient } from '../state/contexts.js';
import { databaseLabel, type RawChoice } from './raw-rows.js';
import { RawTableView } from './RawTableView.js';
import '../styles/raw.css';

export function RawView({ database }: { database: DatabaseInfo }): JSX.Element {
  const client = useClient();
  const [databases, setDatabases] = useState<readonly RawDatabase[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const [choices, setChoices] = useState<ReadonlyMap<string, RawChoice>>(new Map());

  useEffect(() => {
    let live = true;
    client.call('raw.databases', {}).then(
      (answer) => live && setDatabases(answer.databases),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, [client, database.path]);

  const shown = databases?.find((d) => d.name === current) ?? databases?.[0];
  const choice = shown ? (choices.get(shown.name) ?? { keyDecoder: shown.keyDecoder, valueDecoder: shown.valueDecoder }) : undefined;

  return (
    <>
      <nav className="sidebar" aria-label="Databases">
        <div className="sidebar-database" title={database.path}>
          <span className="sidebar-label" title="An LMDB environment without a Trellis catalog, opened read-only">LMDB · read-only</span>
          <span className="sidebar-path" data-testid="database-name">{database.path.split(/[\\/]/).filter(Boolean).at(-1) ?? database.path}</span>
        </div>
        <ul className="tree-list" data-testid="raw-database-list" role="listbox" aria-label="Databases">
          {databases?.map((db) => (
            <li
              key={db.name}
              role="option"
              aria-selected={db.name === shown?.name}
              className={`tree-item${db.name === shown?.name ? ' current' : ''}`}
              data-testid="raw-database-item"
              data-database={db.name}
              data-count={db.count}
              tabIndex={0}
              onClick={() => setCurrent(db.name)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  setCurrent(db.name);
                }
              }}
            >
              <span className="tree-item-name">{databaseLabel(db.name)}</span>
              <span className="tree-item-count">{db.count.toLocaleString('en-US')}</span>
              <span className="tree-item-key">{db.keyDecoder} keys · {db.valueDecoder} values</span>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {shown && choice && (
          <RawTableView
            key={`${database.path}\n${shown.name}`}
            database={shown}
            choice={choice}
            onChoose={(next) => setChoices((all) => new Map(all).set(shown.name, next))}
          />
        )}
        {databases?.length === 0 && <div className="empty-state">This LMDB environment holds no databases.</div>}
        {problem !== undefined && <div className="empty-state">Could not list the databases: {problem}</div>}
        {databases === undefined && problem === undefined && <div className="empty-state">Loading…</div>}
      </main>
    </>
  );
}
