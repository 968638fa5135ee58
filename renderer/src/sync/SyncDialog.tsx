/** The frame of the sync views: a modal that Escape, Close or a click beside it closes. */
import type { JSX, ReactNode } from 'react';

export interface SyncDialogProps {
  readonly title: string;
  readonly testId: string;
  readonly className?: string;
  readonly children: ReactNode;
  onClose(): void;
}

export function SyncDialog({ title, testId, className, children, onClose }: SyncDialogProps): JSX.Element {
  return (
    <div className="modal-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <section
        className={`modal sync-dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-label={title}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onClose();
        }}
      >
        <h2>{title}</h2>
        {children}
        <div className="modal-actions">
          <button type="button" data-testid={`${testId}-close`} onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </section>
    </div>
  );
}
