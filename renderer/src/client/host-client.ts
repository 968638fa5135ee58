/**
 * What the rest of the renderer holds: the contract's Transport, plus the few
 * things that differ between the desktop app and a plain browser.
 */
import type { Transport } from '../../../app/contract/index.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface HostClient extends Transport {
  /** 'desktop' when running inside Electron (window.trellis), 'web' otherwise. */
  readonly kind: 'desktop' | 'web';
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** The file-system path of a dropped file or folder; '' when the platform cannot tell (browsers). */
  pathForFile(file: File): string;
}

/** Thrown for a call that was waiting (or started) while the connection to the host was down. */
export class DisconnectedError extends Error {
  override readonly name = 'DisconnectedError';
  constructor(method: string) {
    super(`Lost the connection to the Trellis host before '${method}' was answered; it will be retried once reconnected.`);
  }
}
