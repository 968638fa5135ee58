/** Which field each CSV column goes to: the key, a top-level field of the value, or nowhere. */
import type { JSX } from 'react';
import type { TreeSummary } from '../../../app/contract/index.js';
import { valueFields } from './core/export-formats.js';
import type { ColumnTarget } from './core/import-parse.js';

const SKIP = '';
const KEY = '\u0000key';

export function CsvMapping({ header, mapping, tree, disabled, onChange }: { header: readonly string[]; mapping: readonly ColumnTarget[]; tree: TreeSummary; disabled: boolean; onChange(next: ColumnTarget[]): void }): JSX.Element {
  const fields = valueFields(tree);
  const keyed = tree.key.kind !== 'composite';
  const valueOf = (t: ColumnTarget | undefined) => (t?.kind === 'key' ? KEY : t?.kind === 'field' ? t.field : SKIP);
  const set = (column: number, choice: string) => {
    const next = header.map((_, i) => mapping[i] ?? ({ kind: 'skip' } as const));
    next[column] = choice === KEY ? { kind: 'key' } : choice === SKIP ? { kind: 'skip' } : { kind: 'field', field: choice };
    onChange(next);
  };
  return (
    <fieldset className="csv-mapping" data-testid="csv-mapping" disabled={disabled}>
      <legend>Columns → fields of {tree.name}</legend>
      {header.map((name, column) => (
        <label key={column} className="csv-mapping-row">
          <span className="csv-column">{name || `(column ${column + 1})`}</span>
          <select data-testid="csv-map" data-column={name} value={valueOf(mapping[column])} onChange={(e) => set(column, e.target.value)}>
            <option value={SKIP}>— skip —</option>
            {keyed && <option value={KEY}>key ({tree.key.kind})</option>}
            {fields.map((field) => (
              <option key={field} value={field}>
                {field}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
