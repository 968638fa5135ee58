/**
 * A child process as the UI's process sees it: send, receive, and learn once
 * how it ended. Node's child_process (web host, CLI, tests) and Electron's
 * utility process (app/electron/utility-process.ts) both fit.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROGRESS_MARK } from './messages.js';

export interface ProcessEnding {
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: string | null;
  /** The last lines the process wrote to stderr (LMDB's assertion text lands here). */
  readonly stderrTail: string;
}

/** The two programs of this folder that run as processes of their own. */
export type IsolationModule = 'engine-process' | 'integrity-process';

/** A child process as its parent sees it. Messages are plain JSON. */
export interface ProcessChannel {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process is gone (however it ended). */
  onExit(listener: (ending: ProcessEnding) => void): void;
  kill(): void;
}

/** Starts one of this folder's programs with `args`: a Node child here, an Electron utility process in the app. */
export type SpawnProcess = (module: IsolationModule, args: readonly string[]) => ProcessChannel;

/** `signal SIGABRT, Assertion 'IS_LEAF(mp)' failed in mdb_cursor_next()`: how a child ended, with LMDB's last words. */
export function describeEnding(ending: ProcessEnding): string {
  const how = ending.signal ? `signal ${ending.signal}` : `exit code ${ending.code}`;
  const assertion = /Assertion[^\n]*|MDB_[A-Z_]+[^\n]*/.exec(ending.stderrTail)?.[0];
  return assertion ? `${how}, ${assertion.trim()}` : how;
}

/** Enough of stderr to hold LMDB's assertion line and a few lines around it. */
const STDERR_TAIL_CHARS = 2000;

/** Keeps the end of a stream of text, and passes it on but for the integrity check's progress lines. */
export class TextTail {
  private text = '';
  constructor(private readonly pass: (chunk: string) => void) {}
  add(chunk: string): void {
    const shown = chunk.includes(PROGRESS_MARK) ? chunk.split(/(?<=\n)/).filter((line) => !line.startsWith(PROGRESS_MARK)).join('') : chunk;
    if (shown) this.pass(shown);
    this.text = (this.text + chunk).slice(-STDERR_TAIL_CHARS);
  }
  get value(): string {
    return this.text.trim();
  }
}

/**
 * A module of this folder, as a file a child can run: the compiled .js
 * beside this one, or the .ts source under tests (run through tsx, with the
 * engine resolved to its source as the tests do).
 */
export function isolationEntry(name: IsolationModule): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = here.replace(/channel\.(ts|js)$/, `${name}.${fromSource ? 'ts' : 'js'}`);
  return { file, execArgv: fromSource ? ['--conditions=source', '--import', 'tsx'] : [] };
}

/**
 * A Node child (IPC over a pipe, structured-clone messages), its end kept. The engine's
 * stderr is passed on (its logs); the integrity check's is only kept (its last words go
 * into the answer, and LMDB's raw assertion line would only repeat them).
 */
export const forkNodeProcess: SpawnProcess = (module, args) => {
  const entry = isolationEntry(module);
  const child = fork(entry.file, [...args], { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'advanced' });
  const tail = new TextTail(module === 'engine-process' ? (chunk) => process.stderr.write(chunk) : () => undefined);
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => tail.add(chunk));
  // A send racing the child's death fails; the exit listener reports the death itself.
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message as object, (error) => error && undefined);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      // 'close' comes after stdio has drained, so the tail holds the last words.
      child.once('close', (code, signal) => listener({ code, signal, stderrTail: tail.value }));
    },
    kill: () => void child.kill('SIGKILL'),
  };
};
