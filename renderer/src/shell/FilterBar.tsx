/**
 * The filter bar: conditions on any field of the tree (the operators that fit
 * its kind, an input that fits its values), joined by all or any. Applying
 * puts the filter in the view's place in history (Back returns to it); the
 * host runs it, through an index where one serves.
 */
import { useState, type JSX } from 'react';
import { operatorsFor, type QueryableField } from '@trellis/engine/common/record-fields';
import type { FilterOperator } from '@trellis/engine/common/record-query';
import type { TreeSummary } from '../../../app/contract/index.js';
import { NO_OPERAND, OPERATOR_LABELS, toRecordQuery, type FilterRow, type ViewQuery } from '../state/view-query.js';

interface FilterBarProps {
  readonly tree: TreeSummary;
  readonly fields: readonly QueryableField[];
  readonly query: ViewQuery | undefined;
  onApply(query: ViewQuery | undefined): void;
  onClose(): void;
}

export function FilterBar({ tree, fields, query, onApply, onClose }: FilterBarProps): JSX.Element {
  const filterable = fields;
  const [rows, setRows] = useState<readonly FilterRow[]>(() => (query && query.conditions.length > 0 ? query.conditions : [blankRow(filterable[0])]));
  const [match, setMatch] = useState(query?.match ?? 'all');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const indexed = new Set(tree.indexes.map((index) => index.on[0]));

  const change = (at: number, patch: Partial<FilterRow>) => {
    setProblem(undefined);
    setRows((current) => current.map((row, i) => (i === at ? { ...row, ...patch } : row)));
  };
  const apply = () => {
    const next: ViewQuery = { match, conditions: rows, ...(query?.sort ? { sort: query.sort } : {}) };
    const translated = toRecordQuery(next, fields);
    if (!translated.ok) return setProblem(translated.problem);
    onApply(rows.length > 0 || query?.sort ? next : undefined);
  };

  return (
    <form
      className="filter-bar"
      data-testid="filter-bar"
      aria-label={`Filter ${tree.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {rows.map((row, i) => {
        const field = fields.find((f) => f.path === row.field);
        const operators = field ? operatorsFor(field) : [];
        return (
          <div className="filter-row" key={i} data-testid="filter-row">
            <span className="filter-join">
              {i === 0 ? (
                'Where'
              ) : i === 1 ? (
                <select aria-label="Match" data-testid="filter-match" value={match} onChange={(e) => setMatch(e.target.value as 'all' | 'any')}>
                  <option value="all">and</option>
                  <option value="any">or</option>
                </select>
              ) : match === 'all' ? (
                'and'
              ) : (
                'or'
              )}
            </span>
            <select
              aria-label="Field"
              data-testid="filter-field"
              value={row.field}
              onChange={(e) => {
                const next = fields.find((f) => f.path === e.target.value);
                change(i, { field: e.target.value, op: next && !operatorsFor(next).includes(row.op) ? operatorsFor(next)[0]! : row.op });
              }}
            >
              {filterable.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.path}
                  {f.list ? ' [ ]' : ''}
                  {indexed.has(f.path) ? ' · indexed' : ''}
                </option>
              ))}
            </select>
            <select aria-label="Operator" data-testid="filter-op" value={row.op} onChange={(e) => change(i, { op: e.target.value as FilterOperator })}>
              {operators.map((op) => (
                <option key={op} value={op}>
                  {OPERATOR_LABELS[op]}
                  {op === 'contains' ? ' (any case)' : ''}
                </option>
              ))}
            </select>
            {field && !NO_OPERAND.has(row.op) && <OperandInput field={field} row={row} part="value" onChange={(value) => change(i, { value })} />}
            {field && row.op === 'between' && (
              <>
                <span className="filter-join">and</span>
                <OperandInput field={field} row={row} part="to" onChange={(to) => change(i, { to })} />
              </>
            )}
            <button type="button" className="icon" aria-label="Remove condition" data-testid="filter-remove" onClick={() => setRows((current) => current.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        );
      })}
      <div className="filter-actions">
        <button type="button" data-testid="filter-add" onClick={() => setRows((current) => [...current, blankRow(filterable[0])])} disabled={rows.length >= 32}>
          + Condition
        </button>
        <button type="submit" className="primary" data-testid="filter-apply">
          Apply
        </button>
        <button type="button" data-testid="filter-clear" onClick={() => onApply(query?.sort ? { match: 'all', conditions: [], sort: query.sort } : undefined)} disabled={!query || query.conditions.length === 0}>
          Clear filter
        </button>
        {problem && (
          <span className="filter-problem" role="alert" data-testid="filter-problem">
            {problem}
          </span>
        )}
      </div>
    </form>
  );
}

function blankRow(field: QueryableField | undefined): FilterRow {
  return { field: field?.path ?? '', op: field ? operatorsFor(field)[0]! : 'eq', value: '', to: '' };
}

/** An input that fits the field: a list for enums and booleans, a date picker for timestamps, numbers for numbers. */
function OperandInput({ field, row, part, onChange }: { field: QueryableField; row: FilterRow; part: 'value' | 'to'; onChange(text: string): void }): JSX.Element {
  const value = row[part];
  const label = part === 'to' ? 'To' : row.op === 'between' ? 'From' : 'Value';
  const common = { 'aria-label': label, 'data-testid': `filter-${part}`, value };
  if (row.op !== 'in' && (field.kind === 'enum' || field.kind === 'boolean')) {
    const options = field.kind === 'boolean' ? ['true', 'false'] : (field.values ?? []).map(String);
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          choose…
        </option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  if (row.op === 'in') return <input {...common} placeholder="a, b, c" onChange={(e) => onChange(e.target.value)} />;
  if (field.kind === 'timestamp') return <input {...common} type="date" onChange={(e) => onChange(e.target.value)} />;
  if (field.kind === 'number' || field.kind === 'integer') return <input {...common} type="number" step="any" onChange={(e) => onChange(e.target.value)} />;
  const placeholder = field.kind === 'ref' ? `key of ${field.target}, e.g. 42 or ["a", 1]` : 'text';
  return <input {...common} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
}
