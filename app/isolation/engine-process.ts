/**
 * The engine process: runs the host (app/host) for a UI's process that must
 * outlive it. LMDB has no page checksums, so a damaged page can end a process
 * that reads it (SIGSEGV, or SIGABRT from an assertion in mdb.c); here that
 * ends only this process, and the UI's process answers CORRUPT and starts
 * another. Messages: ./messages.ts.
 */
import { createHost, fileRecentList, type Host, type HostAnswer } from '../host/index.js';
import { EVENT_NAMES } from '../contract/index.js';
import { toErrorPayload } from '../host/error-payload.js';
import type { FromEngine, ToEngine, EngineStart } from './messages.js';
import { parent } from './parent-port.js';

let host: Host | undefined;
let closing = false;

const send = (message: FromEngine, then?: () => void): void => parent.send(message, then);

const log = (message: string, error?: unknown) =>
  send({ type: 'log', message, detail: error === undefined ? undefined : error instanceof Error ? (error.stack ?? error.message) : String(error) });

parent.onMessage((raw) => void receive(raw as ToEngine));
// The UI's process is gone (or closed the pipe): nobody is left to answer.
parent.onDisconnect(() => void shutDown());

async function receive(message: ToEngine): Promise<void> {
  if (message.type === 'start') return start(message.start);
  if (message.type === 'close') return shutDown();
  const answer: HostAnswer = host ? await host.handle(message.method, message.args) : { ok: false, error: { code: 'NO_DATABASE', message: 'No database is open' } };
  send({ type: 'answer', id: message.id, json: JSON.stringify(answer) });
}

async function start(options: EngineStart): Promise<void> {
  try {
    host = await createHost({
      path: options.path,
      readOnly: options.sessionReadOnly,
      openReadOnly: options.readOnly,
      recent: options.recentFile === undefined ? undefined : fileRecentList(options.recentFile),
      log,
      watchIntervalMs: options.watchIntervalMs,
      replica: options.replica,
    });
  } catch (error) {
    send({ type: 'start-failed', error: toErrorPayload(error, 'opening the database', log) });
    return;
  }
  for (const name of EVENT_NAMES) host.on(name, (payload) => send({ type: 'event', name, payload }));
  send({ type: 'ready', path: host.path });
}

async function shutDown(): Promise<void> {
  if (closing) return;
  closing = true;
  try {
    await host?.close();
  } finally {
    send({ type: 'closed' }, () => process.exit(0));
  }
}
