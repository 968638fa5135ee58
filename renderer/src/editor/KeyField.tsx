/** The key input for trees keyed by a function of the application (custom keys without a stored derivation), as JSON5, with what the browser cannot check said plainly. */
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
  readonly tree: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly disabled: boolean;
  /** How the typed key disagrees with the value (session/key-agreement.ts), if it does. */
  readonly problem: string | undefined;
  readonly confirmed: boolean;
  readonly onConfirm: (confirmed: boolean) => void;
}

export function KeyField(props: KeyFieldProps): JSX.Element {
  const parsed = props.value.trim() === '' ? { error: 'required' } : parseKeyInput(props.value);
  return (
    <div className="editor-key-block">
      <label className="editor-key-field">
        Key (JSON5){' '}
        <input
          data-testid="new-record-key"
          value={props.value}
          disabled={props.disabled}
          placeholder={'"my-key" or 42 or ["a", 1]'}
          aria-invalid={'error' in parsed || props.problem !== undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
        {'error' in parsed ? <span className="editor-key-error"> {parsed.error}</span> : null}
      </label>
      {/* The browser cannot run the application's key function: it says so rather than pretend the key is checked. */}
      <div className="editor-key-warning" role="note" data-testid="key-function-warning">
        {props.tree}’s keys come from a function in the application’s code, which this browser cannot run: nothing here checks that the key you type is the
        one the application would compute from the value.
      </div>
      {props.problem !== undefined && (
        <div className="editor-key-clash" role="alert" data-testid="key-clash">
          Check the key: {props.problem}.{' '}
          <label>
            <input type="checkbox" data-testid="key-clash-confirm" checked={props.confirmed} disabled={props.disabled} onChange={(event) => props.onConfirm(event.target.checked)} /> The key is right
          </label>
        </div>
      )}
    </div>
  );
}
