/**
 * The engine and integrity processes as Electron utility processes (Electron's
 * own way to run Node code apart from the main process: no
 * ELECTRON_RUN_AS_NODE needed, which packaged apps may disable).
 * A utility process reports an exit code, not a signal: a crash shows as a code.
 */
import { utilityProcess } from 'electron';
import { isolationEntry, TextTail, type SpawnProcess } from '../isolation/channel.js';

export const forkUtilityProcess: SpawnProcess = (module, args) => {
  const child = utilityProcess.fork(isolationEntry(module).file, [...args], { stdio: ['ignore', 'inherit', 'pipe'], serviceName: `Trellis ${module}` });
  // As in channel.ts: the engine's stderr is passed on, the integrity check's only kept.
  const tail = new TextTail(module === 'engine-process' ? (chunk) => process.stderr.write(chunk) : () => undefined);
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => tail.add(chunk));
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener({ code, signal: null, stderrTail: tail.value })),
    kill: () => void child.kill(),
  };
};
