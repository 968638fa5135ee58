/**
 * A text field for a path across records, with completion from the catalog
 * (@trellis/engine/common/path-completion, run here: no host call per key):
 * the options at the cursor open as the user types; ↑/↓ choose, Enter or Tab
 * accept, Escape closes the list (and only the list). Enter with the list
 * closed or empty submits. `inline` lays the list out in the flow (inside a
 * floating menu, which would clip an overlay); otherwise it floats below.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { completePath, type PathCompletionOption } from '@trellis/engine/common/path-completion';
import type { PathTrees } from './path-trees.js';
import './paths.css';

export interface PathInputProps {
  readonly trees: PathTrees;
  readonly tree: string;
  readonly value: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly testId: string;
  readonly inline?: boolean;
  readonly autoFocus?: boolean;
  onChange(text: string): void;
  onSubmit(): void;
}

/** Options listed at most: a tree with hundreds of fields still gets a short list (typing narrows it). */
const MAX_OPTIONS = 50;

export function PathInput({ trees, tree, value, label, placeholder, testId, inline, autoFocus, onChange, onSubmit }: PathInputProps): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  /** Where the caret goes after an accepted option, once the new text is in the field. */
  const caretAfter = useRef<number | undefined>(undefined);

  const completion = useMemo(() => completePath(trees, tree, value, Math.min(cursor, value.length)), [trees, tree, value, cursor]);
  const options = completion.options.slice(0, MAX_OPTIONS);
  const shown = open && options.length > 0;
  const current = Math.min(highlight, options.length - 1);

  // The option ↑/↓ moved to stays in sight in a long list.
  useLayoutEffect(() => {
    if (shown) document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [shown, current, listId]);

  useLayoutEffect(() => {
    const at = caretAfter.current;
    if (at === undefined || !input.current) return;
    caretAfter.current = undefined;
    input.current.setSelectionRange(at, at);
  }, [value]);

  const accept = (option: PathCompletionOption) => {
    const text = value.slice(0, completion.from) + option.insert + value.slice(completion.to);
    const at = completion.from + option.insert.length;
    caretAfter.current = at;
    setCursor(at);
    setHighlight(0);
    setOpen(true);
    onChange(text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      if (!shown) return setOpen(true);
      const step = key === 'ArrowDown' ? 1 : -1;
      return setHighlight((current + step + options.length) % options.length);
    }
    if ((key === 'Enter' || key === 'Tab') && shown && current >= 0 && !event.shiftKey) {
      event.preventDefault();
      return accept(options[current]!);
    }
    if (key === 'Enter') {
      event.preventDefault();
      setOpen(false);
      return onSubmit();
    }
    if (key === 'Escape' && shown) {
      // Only the list: the menu or panel around keeps its own Escape.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className={`path-input${inline ? ' inline' : ''}`}>
      <input
        ref={input}
        type="text"
        className="path-input-field"
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        aria-label={label}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${current}` : undefined}
        autoFocus={autoFocus}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setCursor(event.target.selectionStart ?? event.target.value.length);
          setHighlight(0);
          setOpen(true);
          onChange(event.target.value);
        }}
        onSelect={(event) => setCursor(event.currentTarget.selectionStart ?? value.length)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {shown && (
        <ul className="path-options" id={listId} role="listbox" aria-label={`${label}: what may follow`} data-testid="path-completion">
          {options.map((option, i) => (
            <li
              key={`${option.label}\u0000${i}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'path-option current' : 'path-option'}
              data-testid="path-option"
              data-label={option.label}
              // Keeps the focus in the field: a click accepts without a blur closing the list first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => accept(option)}
            >
              <span className="path-option-label">{option.label}</span>
              <span className="path-option-detail">{option.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
