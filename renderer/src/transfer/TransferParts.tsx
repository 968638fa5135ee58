/** Pieces the export and import dialogs share: the modal frame and the progress bar. */
import type { JSX, ReactNode } from 'react';

export function Modal({ label, testId, onClose, wide, children }: { label: string; testId: string; onClose(): void; wide?: boolean; children: ReactNode }): JSX.Element {
  return (
    <div className="modal-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        className={wide ? 'modal transfer-modal wide' : 'modal transfer-modal'}
        role="dialog"
        aria-label={label}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }}
      >
        {children}
      </div>
    </div>
  );
}

export function ProgressBar({ testId, done, total, unit }: { testId: string; done: number; total: number | undefined; unit: string }): JSX.Element {
  return (
    <div className="transfer-progress" data-testid={testId} data-done={done}>
      <progress value={done} max={total ?? undefined} />
      <span className="muted">
        {done.toLocaleString()}
        {total !== undefined ? ` of ${total.toLocaleString()}` : ''} {unit}
      </span>
    </div>
  );
}
