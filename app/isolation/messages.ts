/**
 * What the UI's process and the engine process say to each other. Every
 * message is plain JSON (the host's answers and events already are), so the
 * same messages cross Node's IPC pipe and Electron's utility-process port.
 */
import type { IntegrityReport } from '@trellis/engine';
import type { EventName, HostErrorPayload, HostEvents } from '../contract/index.js';
import type { ReplicaTarget } from '../host/index.js';

/** How the engine process starts: the host's options that can cross a process boundary. */
export interface EngineStart {
  readonly path: string;
  /** This database is opened read-only. */
  readonly readOnly: boolean;
  /** The session was started read-only: every database is, for good. */
  readonly sessionReadOnly: boolean;
  /** The "Open Recent" file (the engine process adds each database it opens). */
  readonly recentFile: string | undefined;
  readonly watchIntervalMs: number | undefined;
  /** The database at `replica.path` (the first one the host opened) is a replica of this server. */
  readonly replica: (ReplicaTarget & { readonly path: string }) | undefined;
}

export type ToEngine =
  | { readonly type: 'start'; readonly start: EngineStart }
  | { readonly type: 'call'; readonly id: number; readonly method: unknown; readonly args: unknown }
  | { readonly type: 'close' };

export type FromEngine =
  | { readonly type: 'ready'; readonly path: string }
  | { readonly type: 'start-failed'; readonly error: HostErrorPayload }
  /** The answer as JSON text: one string crosses the pipe far faster than the objects of a page of records. */
  | { readonly type: 'answer'; readonly id: number; readonly json: string }
  | { readonly type: 'event'; readonly name: EventName; readonly payload: HostEvents[EventName] }
  | { readonly type: 'log'; readonly message: string; readonly detail: string | undefined }
  | { readonly type: 'closed' };

/** What the integrity process sends back (./integrity-process.ts). */
export interface IntegrityVerdict {
  readonly ok: boolean;
  readonly problems: number;
  /** The first problems, as `kind: message` lines. */
  readonly lines: readonly string[];
  /** The whole report, when asked for (`--full`). */
  readonly report?: IntegrityReport;
  /** When the check ended with an error instead of a report: its code (CORRUPT, NOT_A_DATABASE, … or none for an untyped one). */
  readonly error?: { readonly code: string | undefined; readonly message: string };
}

/**
 * Leads each progress line the integrity process writes to stderr: if LMDB
 * aborts it, the last such line says which part of the file it was reading.
 * The parent keeps these lines out of its own stderr.
 */
export const PROGRESS_MARK = 'integrity check reading: ';
