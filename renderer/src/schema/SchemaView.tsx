/**
 * A tree's schema: key strategy, fields with their types, indexes, the
 * references out of and into the tree, and the database's schema history,
 * read from the catalog (no record is read). Its own chunk, loaded when first
 * shown (SchemaPlace.tsx).
 */
import { useMemo, type JSX, type ReactNode } from 'react';
import type { DatabaseInfo, TreeSummary } from '../../../app/contract/index.js';
import type { Navigator } from '../state/contexts.js';
import { referenceName } from '../references/field-links.js';
import { onDeleteMeaning, schemaSheet, type ReferenceInfo } from './core/schema-sheet.js';
import { SchemaFields } from './SchemaFields.js';
import { SchemaHistory } from './SchemaHistory.js';
import './schema.css';

/**
 * `tabs` (Table | Schema) and `navigator` come from the app chunk as props: importing them here made
 * the bundler split the navigator's context out of the app chunk, one more file for the first screen.
 */
export function SchemaView({ database, tree, navigator, tabs }: { database: DatabaseInfo; tree: TreeSummary; navigator: Navigator; tabs: ReactNode }): JSX.Element {
  const sheet = useMemo(() => schemaSheet(tree, database), [tree, database]);
  const records = `${sheet.count.toLocaleString('en-US')} ${sheet.count === 1 ? 'record' : 'records'}`;
  return (
    <div className="schema-view" data-testid="schema-view" data-tree={tree.name}>
      <div className="table-toolbar" role="toolbar" aria-label={`${tree.name} schema`}>
        <h1 className="tree-title">{tree.name}</h1>
        {tabs}
        <span className="table-count">{records}</span>
        <span className="spacer" />
        <button type="button" data-testid="open-diagram" onClick={() => navigator.showView(tree.name, 'diagram')}>
          Schema diagram
        </button>
      </div>
      <div className="schema-body">
        <dl className="schema-summary">
          <dt>Key</dt>
          <dd data-testid="schema-key">
            <strong>{sheet.key.strategy}</strong> <span className="muted">{sheet.key.detail}</span>
          </dd>
          <dt>Records</dt>
          <dd data-testid="schema-count">{records}</dd>
          {/* The label field (a later change) gets its row here. */}
          <dt>References</dt>
          <dd>
            {sheet.referencesOut.length} out, {sheet.referencesIn.length} in
          </dd>
          <dt>Schema</dt>
          <dd data-testid="schema-version-summary">
            version {database.schemaVersion} <span className="muted">of the database · {migrationsText(database)} (Schema history, below)</span>
          </dd>
        </dl>

        <SchemaFields fields={sheet.fields} onOpenTree={(target) => navigator.showView(target, 'schema')} />

        <section className="schema-section" aria-labelledby="schema-indexes">
          <h2 id="schema-indexes">
            Indexes <span className="badge">{sheet.indexes.length}</span>
          </h2>
          {sheet.indexes.length === 0 ? (
            <p className="muted schema-none">No indexes: the records can be ordered and found by key only.</p>
          ) : (
            <table className="schema-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Fields</th>
                  <th>Unique</th>
                </tr>
              </thead>
              <tbody>
                {sheet.indexes.map((index) => (
                  <tr key={index.name} data-testid="schema-index" data-index={index.name}>
                    <td className="mono">{index.name}</td>
                    <td className={index.computed ? undefined : 'mono'}>
                      {index.computed ? (
                        <span className="muted" title="Its values come from a function of the application: tools without its code can look it up but not keep it">
                          computed by the application ({index.computed.type}, version {index.computed.version})
                        </span>
                      ) : (
                        index.fields.join(', ')
                      )}
                    </td>
                    <td>{index.unique ? <span className="schema-flag">unique</span> : <span className="muted">no</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <References
          title="References out"
          none="No field of this tree refers to another record."
          testId="schema-ref-out"
          references={sheet.referencesOut}
          describe={(r) => (
            <>
              <span className="mono">{referenceName(r)}</span> → <TreeLink tree={r.tree} onOpen={navigator.showView} />
            </>
          )}
        />
        <References
          title="Referenced by"
          none="No other tree refers to records of this one."
          testId="schema-ref-in"
          references={sheet.referencesIn}
          describe={(r) => (
            <>
              <TreeLink tree={r.tree} onOpen={navigator.showView} />
              <span className="mono">.{referenceName(r)}</span> → {tree.name}
            </>
          )}
        />

        <SchemaHistory database={database} tree={tree.name} />
      </div>
    </div>
  );
}

function migrationsText(database: DatabaseInfo): string {
  if (database.history.length === 0 && database.migrations.length === 0) return 'no history recorded';
  const ran = database.migrations.filter((m) => m.outcome === 'applied').length;
  return `${ran === 0 ? 'no' : ran} ${ran === 1 ? 'migration' : 'migrations'} run`;
}

function References(props: { title: string; none: string; testId: string; references: readonly ReferenceInfo[]; describe(reference: ReferenceInfo): JSX.Element }): JSX.Element {
  const id = `${props.testId}-title`;
  return (
    <section className="schema-section" aria-labelledby={id}>
      <h2 id={id}>
        {props.title} <span className="badge">{props.references.length}</span>
      </h2>
      {props.references.length === 0 ? (
        <p className="muted schema-none">{props.none}</p>
      ) : (
        <ul className="schema-references">
          {props.references.map((reference) => (
            <li key={`${reference.tree} ${reference.path}`} data-testid={props.testId} data-tree={reference.tree} data-path={reference.path} data-on-delete={reference.onDelete}>
              <span>{props.describe(reference)}</span>
              <span className={`schema-on-delete on-delete-${reference.onDelete}`} title={onDeleteMeaning(reference)}>
                on delete: {reference.onDelete}
              </span>
              {reference.many && <span className="badge">list</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TreeLink({ tree, onOpen }: { tree: string; onOpen(tree: string, view: 'schema'): void }): JSX.Element {
  return (
    <button type="button" className="link-button schema-tree-link" data-testid="schema-tree-link" data-tree={tree} title={`The schema of ${tree}`} onClick={() => onOpen(tree, 'schema')}>
      {tree}
    </button>
  );
}
