/**
 * Watching for changes made by any process. LMDB gives a reader in another
 * process no event, so the watcher looks at the revision counter and the schema
 * version (two small reads) and, when the revision moved, reads the change log
 * from where it left off. It
 * looks when the data file changes (a file event, within a millisecond of a
 * commit) and on a timer besides, for platforms without file events.
 */
import type { KeyValue } from '../schema/key-brand.js';
import { readLoggedTransaction, type ChangeEvent, type ChangeListener } from './changes.js';
import type { Engine } from './engine.js';

export interface WatchOptions {
  /** How often to look without a file event, in milliseconds. */
  readonly intervalMs?: number;
}

export function watchChanges(engine: Engine, listener: ChangeListener, options: WatchOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 200;
  // In-process commits are delivered at once; the log supplies the other processes' writes.
  const stopLocal = engine.onChange(listener);
  let seen = engine.revision();
  // Opened while a migration runs (a half version stored: core/migrate.ts), the end of it is what to report.
  const storedAtStart = engine.storedSchemaVersion();
  let schemaSeen = storedAtStart !== undefined && Math.floor(storedAtStart) === engine.catalog.schemaVersion ? storedAtStart : engine.catalog.schemaVersion;
  const poll = () => {
    try {
      engine.backend.refresh();
      // A schema change writes no record, so the revision does not tell of it: the version beside the catalog does.
      const schema = engine.storedSchemaVersion();
      if (schema !== undefined && schema !== schemaSeen) {
        schemaSeen = schema;
        const migrating = !Number.isInteger(schema);
        listener({ kind: 'schema', from: engine.catalog.schemaVersion, to: Math.ceil(schema), ...(migrating ? { migrating } : {}) });
      }
      const now = engine.revision();
      if (now <= seen) return;
      const events: ChangeEvent[] = [];
      let expected = seen + 1;
      let gap = false;
      // One log entry per transaction, keyed by its last revision; its changes took the revisions up to it, in order.
      for (const entry of engine.changeLog.entries({ after: seen, end: now + 1 })) {
        const logged = readLoggedTransaction(entry.key, entry.value);
        if (!logged?.changes || logged.first !== expected) {
          gap = true;
          break;
        }
        expected = logged.last + 1;
        if (logged.writer === engine.writerId) continue;
        for (let i = 0; i < logged.changes.length; i++) {
          const [tree, key, kind] = logged.changes[i]!;
          events.push({ tree, key: key as KeyValue, kind, revision: logged.first + i, local: false });
        }
      }
      if (expected !== now + 1) gap = true;
      seen = now;
      if (gap) listener({ kind: 'resync', revision: now });
      else if (events.length > 0) listener(events);
    } catch {
      // A closed database stops the watcher; a passing read error is retried next tick.
      if (isClosed(engine)) stop();
    }
  };
  const timer = setInterval(poll, intervalMs);
  timer.unref?.();
  // A commit raises several file events (its pages, then the meta page): one look per burst, after it.
  let woken: ReturnType<typeof setImmediate> | undefined;
  const stopWaking = engine.backend.onPossibleCommit(() => {
    woken ??= setImmediate(() => {
      woken = undefined;
      poll();
    });
  });
  const stop = () => {
    clearInterval(timer);
    if (woken) clearImmediate(woken);
    stopWaking();
    stopLocal();
  };
  return stop;
}

function isClosed(engine: Engine): boolean {
  try {
    engine.assertOpen();
    return false;
  } catch {
    return true;
  }
}
