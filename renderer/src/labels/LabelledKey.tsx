/**
 * A record named for a person: its label, then its key in a quieter style
 * (the key alone when there is no label). `keyText` is what to show of the
 * key: the whole OpaqueKey text, or the key without its tree where the tree
 * is plain from the place (a column, a group of holders).
 */
import type { JSX, KeyboardEvent } from 'react';
import { keyAddressOf } from '@trellis/engine/common/key-text';

export function LabelledKey({ label, keyText }: { label: string | undefined; keyText: string }): JSX.Element {
  if (label === undefined) return <span className="labelled-key-only">{keyText}</span>;
  return (
    <>
      <span className="labelled-label" data-testid="record-label">
        {label}
      </span>{' '}
      <span className="labelled-key">{keyText}</span>
    </>
  );
}

/** The key of an OpaqueKey text without its tree (`people/2` → `2`), where the tree goes without saying. */
export function keyPartOf(text: string): string {
  const address = keyAddressOf(text);
  return address ? text.slice(address.tree.length + 1) : text;
}

/** A link's title: its label and its raw key, and how to copy the key. */
export function keyTitle(text: string, label: string | undefined, action: string): string {
  return `${label ? `${label}\n` : ''}${action} ${text}\n(Ctrl+C copies the key)`;
}

/** Ctrl+C / ⌘C on a focused link to a record copies its OpaqueKey text: the raw key is one keystroke away. */
export function copyKeyOnShortcut(text: string): (event: KeyboardEvent) => void {
  return (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'c' || event.shiftKey || event.altKey) return;
    // A selection inside the link copies as usual.
    if (window.getSelection()?.toString()) return;
    event.preventDefault();
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  };
}
