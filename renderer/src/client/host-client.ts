/**
 * What the rest of the renderer holds: the contract's Transport, plus the few
 * things that differ between the desktop app and a plain browser.
 */
import type { ArgsOf, MethodName, ResultOf, Transport } from '../../../app/contract/index.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** A transport as connect() finds it; connect() adds the answers asked for ahead (prefetch.ts). */
export interface Connection extends Transport {
  /** 'desktop' when running inside Electron (window.trellis), 'web' otherwise. */
  readonly kind: 'desktop' | 'web';
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** The file-system path of a dropped file or folder; '' when the platform cannot tell (browsers). */
  pathForFile(file: File): string;
}

export interface HostClient extends Connection {
  /**
   * The answer to `call(method, args)` when it is already here, asked for
   * ahead by the boot script and not taken yet: lets a first render show it
   * at once (the call that follows takes the same answer).
   */
  peek<M extends MethodName>(method: M, args: ArgsOf<M>): ResultOf<M> | undefined;
}

/** Thrown for a call that was waiting (or started) while the connection to the host was down. */
export class DisconnectedError extends Error {
  override readonly name = 'DisconnectedError';
  constructor(method: string) {
    super(`Lost the connection to the Trellis host before '${method}' was answered; it will be retried once reconnected.`);
  }
}
