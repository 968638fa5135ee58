import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentOf, contentText, replicaOf, seededServer, tempDir } from './fixtures/team.js';
import type { Replica } from '../open-shared.js';
import type { TrellisServer } from '../open-shared.js';
import type { teamSchema } from './fixtures/team.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
async function serve() {
  const started = await seededServer();
  closers.push(() => started.server.close());
  return started;
}
async function replica(server: TrellisServer, path = join(tempDir(), 'replica')) {
  const opened = await replicaOf(server, {}, path);
  closers.push(() => opened.close());
  return opened;
}
const local = (r: Replica<typeof teamSchema>) => contentText(r.db.opaque);

describe('a replica', () => {
  it('copies the server, and an edit on one replica reaches the server and the other', async () => {
    const { server, path } = await serve();
    const a = await replica(server);
    const b = await replica(server);
    await a.sync.synced();
    await b.sync.synced();
    const [ada] = [...a.db.people.range()];
    if (!ada) throw new Error('the replica has no person');
    expect(ada.value.name).toBe('Ada');
    await a.db.people.update(ada.key, { name: 'Ada L.' });
    expect(a.sync.status().waiting).toBe(1);
    await a.sync.synced();
    await expect.poll(() => b.db.people.get(ada.key)?.name).toBe('Ada L.');
    await server.close();
    expect(local(a)).toBe(await contentOf(path));
    expect(local(b)).toBe(local(a));
  });
});
