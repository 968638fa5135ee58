/**
 * Dropping a database folder onto the window opens it. Only the desktop app
 * can learn a dropped item's path; a browser gets an explanation instead.
 */
import { useEffect } from 'react';
import type { HostClient } from '../client/connect.js';

export function useDropToOpen(client: HostClient, open: (path: string) => Promise<string | null>, notify: (message: string) => void): void {
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      const path = client.kind === 'desktop' ? client.pathForFile(file) : '';
      if (!path) {
        notify('Opening a dropped folder needs the Trellis desktop app: a browser cannot see where it lives. Use File › Open… and type its path.');
        return;
      }
      void open(path).then((problem) => problem && notify(problem));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [client, open, notify]);
}
