/**
 * The child's side of ./channel.ts: the parent, reached through Node's IPC
 * (`process.send`) or, in Electron's utility process, `process.parentPort`.
 */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const utilityPort = (process as { parentPort?: UtilityParentPort }).parentPort;

export const parent = {
  send(message: unknown, then?: () => void): void {
    if (utilityPort) {
      utilityPort.postMessage(message);
      then?.();
    } else if (process.send) {
      process.send(message as object, () => then?.());
    }
  },
  onMessage(listener: (message: unknown) => void): void {
    if (utilityPort) utilityPort.on('message', (event) => listener(event.data));
    else process.on('message', listener);
  },
  /** The parent is gone or closed the channel (Electron ends utility processes with their app itself). */
  onDisconnect(listener: () => void): void {
    process.on('disconnect', listener);
  },
};
