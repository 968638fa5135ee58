/**
 * A query view against a scripted host (the boundary: the real host's query.*
 * methods are tested in app/host/handlers/query.test.ts): it opens on first
 * use, follows its own progress events only, runs again when the host has
 * forgotten it, and the block cache grows with the matches.
 */
import { describe, expect, it } from 'vitest';
import type { HostEvents, QueryProgressPayload, RecordEntry } from '../../../../app/contract/index.js';
import { BlockCache } from './block-cache.js';
import { QueryView } from './query-view.js';

const progress = (matches: number, done: boolean): QueryProgressPayload => ({ scanned: matches * 2, total: 1000, matches, done, truncated: false, ordered: true, cancelled: false });
const entry = (key: number): RecordEntry => ({ key, text: `t/${key}`, revision: 1, value: { n: key } });

function scriptedHost() {
  const calls: string[] = [];
  let listener: ((payload: HostEvents['query']) => void) | undefined;
  let matches = 0;
  let done = false;
  let opened = 0;
  let forget = false;
  const client = {
    on: (_event: 'query', l: (payload: HostEvents['query']) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
    call: async (method: string, args: Record<string, unknown>): Promise<unknown> => {
      calls.push(`${method} ${JSON.stringify(args)}`);
      if (method === 'query.open') return { id: `q${++opened}`, plan: { source: 'scan', order: 'source', explanation: 'Every record…' }, progress: progress(matches, done) };
      if (method === 'query.page') {
        if (forget) {
          forget = false;
          throw Object.assign(new Error('Query ended'), { code: 'NOT_FOUND' });
        }
        const offset = args['offset'] as number;
        const limit = args['limit'] as number;
        const rows = Array.from({ length: Math.max(0, Math.min(limit, matches - offset)) }, (_, i) => entry(offset + i + 1));
        return { entries: rows, progress: progress(matches, done) };
      }
      return { closed: true };
    },
  };
  return {
    client: client as never,
    calls,
    found: (n: number, finished = false) => {
      matches = n;
      done = finished;
      listener?.({ id: `q${opened}`, progress: progress(n, finished) });
    },
    other: () => listener?.({ id: 'q-other', progress: progress(999, true) }),
    forgetNext: () => (forget = true),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueryView', () => {
  it('opens on first use and grows the table as the host finds matches', async () => {
    const host = scriptedHost();
    const view = new QueryView(host.client, 'readings', { where: { match: 'all', conditions: [{ field: 'label', op: 'contains', value: '7' }] } });
    const cache = new BlockCache(view, { blockSize: 10 });
    view.subscribe(({ progress: p }) => p && cache.resize(p.matches, p.done && p.ordered));
    expect(host.calls).toEqual([]);
    cache.ensure(0, 9);
    await settle();
    expect(host.calls[0]).toMatch(/^query\.open /);
    expect(cache.rowCount).toBe(0);
    expect(cache.exact).toBe(false);

    host.found(4);
    await settle();
    expect(cache.rowCount).toBe(4);
    expect(cache.row(3)?.key).toBe(4); // the short block was read again
    host.other(); // another window's query
    expect(view.current.progress?.matches).toBe(4);

    host.found(25, true);
    await settle();
    expect(cache.rowCount).toBe(25);
    expect(cache.exact).toBe(true);
    expect(cache.row(9)?.key).toBe(10);
  });

  it('runs the query again when the host has forgotten it, and after a change', async () => {
    const host = scriptedHost();
    host.found(30, true);
    const view = new QueryView(host.client, 'readings', {});
    const cache = new BlockCache(view, { blockSize: 10 });
    cache.ensure(0, 9);
    await settle();
    host.forgetNext();
    cache.invalidate();
    await settle();
    await settle();
    expect(host.calls.filter((c) => c.startsWith('query.open'))).toHaveLength(2);
    expect(cache.row(0)?.key).toBe(1);
    view.restart();
    expect(host.calls.at(-1)).toMatch(/^query\.close \{"id":"q2"\}/);
    cache.invalidate();
    await settle();
    await settle();
    expect(host.calls.filter((c) => c.startsWith('query.open'))).toHaveLength(3);
  });
});
