/**
 * Filter the table through one of the tree's secondary indexes: exact value,
 * text prefix, or a range. Results come back in index order, paged by cursor.
 */
import { useState, type JSX } from 'react';
import type { TreeSummary } from '../../../app/contract/index.js';
import type { FilterMode, IndexFilter } from '../state/history.js';

const MODES: readonly { mode: FilterMode; label: string }[] = [
  { mode: 'equals', label: 'equals' },
  { mode: 'prefix', label: 'starts with' },
  { mode: 'range', label: 'between' },
];

export function IndexFilterBar({ tree, filter, onApply, onClear }: { tree: TreeSummary; filter: IndexFilter | undefined; onApply(filter: IndexFilter): void; onClear(): void }): JSX.Element | null {
  const [draft, setDraft] = useState<IndexFilter>(() => filter ?? { index: tree.indexes[0]?.name ?? '', mode: 'equals', value: '', end: '' });
  if (tree.indexes.length === 0) return null;
  const set = (patch: Partial<IndexFilter>) => setDraft((d) => ({ ...d, ...patch }));
  const selected = tree.indexes.find((index) => index.name === draft.index);
  return (
    <form
      className={`index-filter${filter ? ' active' : ''}`}
      data-testid="index-filter"
      aria-label="Index filter"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.index) onApply(draft);
      }}
    >
      <select data-testid="index-filter-index" aria-label="Index" value={draft.index} onChange={(e) => set({ index: e.target.value })}>
        {tree.indexes.map((index) => (
          <option key={index.name} value={index.name}>
            {index.name} ({index.on.join(', ')})
          </option>
        ))}
      </select>
      <select data-testid="index-filter-mode" aria-label="Match" value={draft.mode} onChange={(e) => set({ mode: e.target.value as FilterMode })}>
        {MODES.map(({ mode, label }) => (
          <option key={mode} value={mode}>
            {label}
          </option>
        ))}
      </select>
      <input
        data-testid="index-filter-value"
        aria-label={draft.mode === 'range' ? 'From' : 'Value'}
        placeholder={selected && selected.on.length > 1 ? `[${selected.on.join(', ')}]` : draft.mode === 'range' ? 'from' : 'value (JSON5)'}
        value={draft.value}
        onChange={(e) => set({ value: e.target.value })}
      />
      {draft.mode === 'range' && <input data-testid="index-filter-end" aria-label="To" placeholder="to" value={draft.end} onChange={(e) => set({ end: e.target.value })} />}
      <button type="submit" data-testid="index-filter-apply">
        Filter
      </button>
      <button type="button" data-testid="index-filter-clear" onClick={onClear} disabled={!filter}>
        Clear
      </button>
    </form>
  );
}
