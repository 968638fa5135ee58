/** The fields table of the schema view: nested fields indented under their object, one row each. */
import type { JSX } from 'react';
import { referenceName } from '../references/field-links.js';
import { onDeleteMeaning, type FieldRow, type ReferenceInfo } from './core/schema-sheet.js';

const INDENT_PX = 18;

export function SchemaFields({ fields, onOpenTree }: { fields: readonly FieldRow[]; onOpenTree(tree: string): void }): JSX.Element {
  return (
    <section className="schema-section" aria-labelledby="schema-fields">
      <h2 id="schema-fields">
        Fields <span className="badge">{fields.length}</span>
      </h2>
      {fields.length === 0 ? (
        <p className="muted schema-none">The value has no declared fields.</p>
      ) : (
        <table className="schema-table schema-fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>Type</th>
              <th>Presence</th>
              <th>Constraints</th>
              <th>Reference</th>
              <th>Indexed</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.path} data-testid="schema-field" data-path={field.path} data-depth={field.depth}>
                <td className="mono schema-field-name" style={{ paddingLeft: 8 + field.depth * INDENT_PX }} title={field.path}>
                  {field.depth > 0 && <span className="schema-nest" aria-hidden="true">└ </span>}
                  {field.name}
                  {field.keyPart !== undefined && (
                    <span className="schema-flag schema-key-part" title={`Part ${field.keyPart} of the key`}>
                      key {field.keyPart}
                    </span>
                  )}
                </td>
                <td className="mono schema-type" data-testid="schema-field-type">
                  {field.type}
                </td>
                <td>
                  {field.required ? 'required' : <span className="muted">optional</span>}
                  {field.nullable && <span className="muted"> · nullable</span>}
                </td>
                <td className="schema-constraints">
                  {field.constraints.map((c) => (
                    <span key={c} className="schema-constraint">
                      {c}
                    </span>
                  ))}
                </td>
                <td>
                  {field.reference && <FieldReference reference={field.reference} onOpenTree={onOpenTree} />}
                  {field.partOf.map((reference) => (
                    <PartOfReference key={reference.path} reference={reference} onOpenTree={onOpenTree} />
                  ))}
                </td>
                <td className="mono">{field.indexes.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FieldReference({ reference, onOpenTree }: { reference: ReferenceInfo; onOpenTree(tree: string): void }): JSX.Element {
  return (
    <span data-testid="schema-field-ref" data-target={reference.tree}>
      →{' '}
      <button type="button" className="link-button schema-tree-link" title={`The schema of ${reference.tree}`} onClick={() => onOpenTree(reference.tree)}>
        {reference.tree}
      </button>{' '}
      <span className={`schema-on-delete on-delete-${reference.onDelete}`} title={onDeleteMeaning(reference)}>
        {reference.onDelete}
      </span>
    </span>
  );
}

/** A field that is one of the fields a reference is made of: which reference, and where it leads. */
function PartOfReference({ reference, onOpenTree }: { reference: ReferenceInfo; onOpenTree(tree: string): void }): JSX.Element {
  return (
    <span className="schema-part-of" data-testid="schema-field-part-of" data-reference={reference.path} data-target={reference.tree} title={`One of the fields of the reference ${referenceName(reference)}`}>
      <span className="muted">part of</span> <span className="mono">{reference.path}</span> →{' '}
      <button type="button" className="link-button schema-tree-link" title={`The schema of ${reference.tree}`} onClick={() => onOpenTree(reference.tree)}>
        {reference.tree}
      </button>
    </span>
  );
}
