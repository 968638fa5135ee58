/**
 * What the boot script asks for ahead, against a client that records the
 * requests (the host is the boundary; e2e runs the real boot path), and that
 * the table's first request is the one asked for.
 */
import { describe, expect, it } from 'vitest';
import type { ArgsOf, DatabaseInfo, MethodName, ResultOf, TreeSummary } from '../../../app/contract/index.js';
import { treeSource } from '../grid/core/sources.js';
import { BLOCK_SIZE } from '../grid/use-block-cache.js';
import { firstPageArgs, prefetchFirstScreen } from './first-screen.js';
import { callKey, type PrefetchingClient } from '../client/prefetch.js';

const tree = (name: string): TreeSummary => ({ name, count: 1, key: { kind: 'auto' }, keySchema: {}, value: {}, indexes: [], references: [], referencedFrom: [] });
const info: DatabaseInfo = { path: '/db', readOnly: false, lockedReadOnly: false, startedReadOnly: false, revision: 1, schemaVersion: 1, trees: [tree('owners'), tree('items')], history: [], migrations: [] };

function recording(answer: DatabaseInfo | Error) {
  const asked: string[] = [];
  const client = {
    prefetch: <M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> => {
      asked.push(callKey(method, args));
      if (method !== 'database.info') return new Promise(() => undefined);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as ResultOf<M>);
    },
  } as unknown as PrefetchingClient;
  return { client, asked };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const page = (name: string) => callKey('records.page', firstPageArgs(name));

describe('prefetchFirstScreen', () => {
  it('asks for the info and, at once, the first rows of the tree the URL names', async () => {
    const { client, asked } = recording(info);
    prefetchFirstScreen(client, '#/items');
    expect(asked).toEqual(['database.info {}', page('items')]);
    await settle();
    expect(asked).toHaveLength(2);
  });

  it("asks for the first tree's rows once the info says which, when the URL names no tree of the database", async () => {
    for (const hash of ['', '#/nowhere']) {
      const { client, asked } = recording(info);
      prefetchFirstScreen(client, hash);
      await settle();
      expect(asked.filter((key) => key.startsWith('records.page'))).toEqual([...(hash ? [page('nowhere')] : []), page('owners')]);
    }
  });

  it('does not guess the rows of a filtered view, nor any rows without a database', async () => {
    const filtered = recording(info);
    prefetchFirstScreen(filtered.client, `#/items?q=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'owner', op: 'eq', value: '1', to: '' }] }))}`);
    const none = recording(new Error('NO_DATABASE'));
    prefetchFirstScreen(none.client, '');
    await settle();
    expect(filtered.asked).toEqual(['database.info {}']);
    expect(none.asked).toEqual(['database.info {}']);
  });

  it("asks for exactly the table's first request", async () => {
    const requests: string[] = [];
    const source = treeSource({ call: async (method, args) => (requests.push(callKey(method, args)), { entries: [], count: 0, hasMore: false }) as never }, 'items');
    await source.load(0, BLOCK_SIZE, undefined);
    expect(requests).toEqual([page('items')]);
  });
});
