/**
 * The delete confirm step (saying what cascades) and, when the host refuses
 * because records still point here, who holds it, as links to go and fix them.
 */
import type { JSX } from 'react';
import type { HolderDetail } from '../../../app/contract/index.js';

export interface DeleteConfirmProps {
  readonly text: string;
  readonly effects: readonly string[];
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function DeleteConfirm(props: DeleteConfirmProps): JSX.Element {
  return (
    <div className="editor-dialog" role="alertdialog" aria-label="Confirm delete" data-testid="delete-confirm">
      <p>
        Delete <code>{props.text}</code>?
      </p>
      {props.effects.map((line) => (
        <p key={line} className="editor-dialog-note">
          {line}
        </p>
      ))}
      <button type="button" data-testid="delete-confirm-yes" disabled={props.busy} onClick={props.onConfirm} autoFocus>
        Delete
      </button>
      <button type="button" data-testid="delete-confirm-no" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

export interface DeleteRefusedProps {
  readonly holders: readonly HolderDetail[];
  readonly onFollow: (target: string) => void;
  readonly onClose: () => void;
}

export function DeleteRefused(props: DeleteRefusedProps): JSX.Element {
  return (
    <div className="editor-dialog" role="alert" data-testid="delete-refused">
      <p>Not deleted: these records still point here. Change or delete them first.</p>
      <ul>
        {props.holders.map((h) => (
          <li key={`${h.text}:${h.path}`}>
            <a
              href="#"
              data-testid="backref-link"
              data-target={h.text}
              onClick={(event) => {
                event.preventDefault();
                props.onFollow(h.text);
              }}
            >
              {h.text}
            </a>{' '}
            <span className="editor-dialog-note">in field {h.path}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
