/** The key input for trees whose keys the user chooses (custom keys), as JSON5. */
import type { JSX } from 'react';
import type { JsonKey } from '../../../app/contract/index.js';
import { parseJson5 } from './text/json5-text.js';

export function parseKeyInput(text: string): { key: JsonKey } | { error: string } {
  const outcome = parseJson5(text);
  if (!outcome.ok) return { error: `not JSON5: ${outcome.problem.message}` };
  const key = outcome.value;
  const part = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  if (part(key) || (Array.isArray(key) && key.length > 0 && key.every(part))) return { key: key as JsonKey };
  return { error: 'a key is a string, number, boolean or a list of them' };
}

export interface KeyFieldProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly disabled: boolean;
}

export function KeyField(props: KeyFieldProps): JSX.Element {
  const parsed = props.value.trim() === '' ? { error: 'required' } : parseKeyInput(props.value);
  return (
    <label className="editor-key-field">
      Key (JSON5){' '}
      <input
        data-testid="new-record-key"
        value={props.value}
        disabled={props.disabled}
        placeholder={'"my-key" or 42 or ["a", 1]'}
        aria-invalid={'error' in parsed}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {'error' in parsed ? <span className="editor-key-error"> {parsed.error}</span> : null}
    </label>
  );
}
