/**
 * Export: the database (or some of its trees) as NDJSON text, streamed page by
 * page in key order, never held whole (format: ./transfer-format.ts).
 */
import { ValidationError } from '../errors.js';
import { range } from '../core/reads.js';
import { autoKey } from '../core/meta.js';
import type { Engine } from '../core/engine.js';
import type { TreeModel } from '../core/tree-model.js';
import type { KeyValue } from '../schema/key-brand.js';
import { EXPORT_FORMAT, headerLine, recordLine, type ExportHeader, type PortableRelease } from './transfer-format.js';
import { releaseStateOf } from '../core/release-state.js';

export interface ExportOptions {
  /** The trees to export, in this order; all, in catalog order, by default. */
  readonly trees?: readonly string[] | undefined;
  /** Records read per page (default 1,000): each yielded chunk holds at most this many lines. */
  readonly pageSize?: number | undefined;
  /** Called after each page with the records written so far and the total the trees held when the export began. */
  readonly onProgress?: ((progress: ExportProgress) => void) | undefined;
  /** Stops the export between pages (the iterator then throws the signal's reason). */
  readonly signal?: AbortSignal | undefined;
}

export interface ExportProgress {
  readonly tree: string;
  readonly records: number;
  readonly total: number;
}

const DEFAULT_PAGE = 1000;

/**
 * Yields text chunks, each a whole number of lines ending in `\n`: the header,
 * then each tree's records in key order, then the trailer. Each page is a read
 * of its own: writes made meanwhile by others show in the pages not yet read
 * (no read transaction is held open across the consumer's awaits, which would
 * keep LMDB from reusing freed pages for the whole export).
 */
export async function* exportRecords(engine: Engine, options: ExportOptions = {}): AsyncGenerator<string> {
  engine.assertOpen();
  const models = (options.trees ?? [...engine.models.keys()]).map((name) => engine.model(name));
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE));
  const counters: Record<string, number> = {};
  for (const model of models) {
    if (model.stored.key.kind !== 'auto') continue;
    const last = engine.meta.get(autoKey(model.storage)) as number | undefined;
    if (last !== undefined) counters[model.name] = last;
  }
  const header: ExportHeader = { trellis: 'export', format: EXPORT_FORMAT, trees: Object.fromEntries(models.map((m) => [m.name, m.stored])), counters };
  yield headerLine(header) + '\n';
  const total = models.reduce((sum, m) => sum + engine.records(m).count(), 0);
  let written = 0;
  for (const model of models) {
    let after: KeyValue | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      engine.assertOpen();
      const { text, count, last } = page(engine, model, after, pageSize);
      if (count === 0) break;
      written += count;
      options.onProgress?.({ tree: model.name, records: written, total });
      yield text;
      if (count < pageSize) break;
      after = last;
    }
  }
  yield JSON.stringify({ trellis: 'end', records: written }) + '\n';
}

function page(engine: Engine, model: TreeModel, after: KeyValue | undefined, limit: number): { text: string; count: number; last: KeyValue | undefined } {
  let text = '';
  let count = 0;
  let last: KeyValue | undefined;
  for (const entry of range(engine, model, after === undefined ? { limit } : { after, limit })) {
    const json = model.codec.toJson(entry.value);
    // A stored value that no longer converts is not skipped: a silent gap would break the round trip.
    if (!json.ok) throw new ValidationError(model.name, json.issues.map((i) => ({ path: i.path, message: `${i.message} (stored record ${JSON.stringify(entry.key)})` })));
    text += recordLine(model.name, entry.key, json.value, portableRelease(engine, model, entry.key)) + '\n';
    count++;
    last = entry.key;
  }
  return { text, count, last };
}

/** A versioned record's state as an export carries it: only when it is released or has a lifecycle number. */
function portableRelease(engine: Engine, model: TreeModel, key: KeyValue): PortableRelease | undefined {
  if (!model.releaseStore) return undefined;
  const { released, lifecycle } = releaseStateOf(engine, model, key);
  return released || lifecycle !== 0 ? { released, lifecycle } : undefined;
}
