/**
 * File › Open in a browser: there is no native file dialog for a folder path
 * on the host's disk, so the user types it (or picks a recent one).
 */
import { useEffect, useState, type JSX } from 'react';
import { useClient } from '../state/contexts.js';

export function OpenDialog({ onClose, onOpen }: { onClose(): void; onOpen(path: string): Promise<string | null> }): JSX.Element {
  const client = useClient();
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.call('database.recent', {}).then(({ paths }) => setRecent(paths), () => undefined);
  }, [client]);

  const open = async (target: string) => {
    if (!target.trim()) return;
    const problem = await onOpen(target.trim());
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <div className="modal-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <form
        className="modal"
        role="dialog"
        aria-label="Open database"
        data-testid="open-dialog"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }}
        onSubmit={(event) => {
          event.preventDefault();
          void open(path);
        }}
      >
        <h2>Open database</h2>
        <label>
          Folder of a Trellis database on the host
          <input data-testid="open-path" autoFocus value={path} placeholder="/path/to/database" onChange={(e) => setPath(e.target.value)} />
        </label>
        {error && <div className="error-text" role="alert">{error}</div>}
        {recent.length > 0 && (
          <div className="recent-list">
            <div className="muted">Recent</div>
            {recent.map((item) => (
              <button type="button" key={item} className="link-button" onClick={() => void open(item)}>
                {item}
              </button>
            ))}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="open-submit">
            Open
          </button>
        </div>
      </form>
    </div>
  );
}
