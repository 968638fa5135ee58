/** Shown while the web host is unreachable; the client reconnects by itself. */
import { useEffect, useState, type JSX } from 'react';
import type { HostClient } from '../client/connect.js';

export function ConnectionBanner({ client }: { client: HostClient }): JSX.Element | null {
  const [status, setStatus] = useState(client.status());
  useEffect(() => client.onStatus(setStatus), [client]);
  if (status === 'connected') return null;
  return (
    <div className="connection-banner" data-testid="connection-banner" role="alert">
      Disconnected from the Trellis host — reconnecting…
    </div>
  );
}
