/** The hover card for a reference: the target's first fields, from the shared lookup cache. */
import { useSyncExternalStore, type JSX } from 'react';
import { createPortal } from 'react-dom';
import { useRecordLookup } from '../state/contexts.js';
import { useLabel } from '../labels/use-label.js';

const FIELDS_SHOWN = 6;
const VALUE_CHARS = 60;

export function RefPreview({ target, anchor }: { target: string; anchor: DOMRect }): JSX.Element {
  const lookup = useRecordLookup();
  useSyncExternalStore(lookup.subscribe, lookup.snapshot);
  const entry = lookup.cached(target);
  const label = useLabel(target);
  const top = anchor.bottom + 4;
  const left = Math.min(anchor.left, window.innerWidth - 340);
  return createPortal(
    <div className="ref-preview" data-testid="ref-preview" role="tooltip" style={{ top, left }}>
      <div className="ref-preview-title">
        {label && <div className="ref-preview-label">{label}</div>}
        <div className="labelled-key">{target}</div>
      </div>
      {entry === undefined && <div className="muted">Loading…</div>}
      {entry === null && <div className="ref-preview-missing">No such record: the reference is broken.</div>}
      {entry && <PreviewFields value={entry.value} problems={entry.problems?.length ?? 0} />}
    </div>,
    document.body,
  );
}

function PreviewFields({ value, problems }: { value: unknown; problems: number }): JSX.Element {
  if (problems > 0 || typeof value !== 'object' || value === null) {
    return <div className="ref-preview-missing">{problems > 0 ? `${problems} problem(s) decoding this record` : short(value)}</div>;
  }
  const fields = Object.entries(value);
  return (
    <dl className="ref-preview-fields">
      {fields.slice(0, FIELDS_SHOWN).map(([name, field]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{short(field)}</dd>
        </div>
      ))}
      {fields.length > FIELDS_SHOWN && <div className="muted">+{fields.length - FIELDS_SHOWN} more</div>}
    </dl>
  );
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text;
}
