/**
 * `npm run server` as a user runs it: the CLI in a child process on a real
 * database, its tokens, and real replicas (the engine's `openReplica`)
 * connecting to it, over ws:// and over wss:// with a self-signed certificate.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { autoIncrement, open, openReplica, schema, t, tree, type Replica } from '@trellis/engine';
import { runCli, type CliRun } from './fixtures/run-cli.js';
import { STOP_HINT } from './web-session.js';

const notes = schema(tree('notes', { key: autoIncrement(), value: t.object({ text: t.string() }) }));
const SERVING = /^Trellis server for (.+) at (wss?:\/\/127\.0\.0\.1:\d+) \(server id [0-9a-f-]+\)\n/;

let root: string;
let database: string;
const running: CliRun[] = [];
const replicas: Replica<typeof notes>[] = [];

/** The CLI from source. run-cli.ts's list of entries predates this one: the cast goes once 'server' is in it. */
function server(...args: string[]): CliRun {
  const run = runCli('server' as Parameters<typeof runCli>[0], args, {});
  running.push(run);
  return run;
}

async function finished(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = server(...args);
  const code = await run.exited();
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function issued(user: string, ...flags: string[]): Promise<string> {
  const { code, stdout, stderr } = await finished(database, 'token', 'issue', user, ...flags);
  expect([code, stderr]).toEqual([0, '']);
  return /^trellis_\S+$/m.exec(stdout)![0];
}

async function replicaOf(url: string, options: { token?: string; ca?: string }, path = mkdtempSync(join(root, 'replica-'))): Promise<Replica<typeof notes>> {
  const replica = await openReplica(path, notes, { server: url, retryMaxMs: 200, ...options });
  replicas.push(replica);
  return replica;
}

const texts = (replica: Replica<typeof notes>) => [...replica.db.notes.range()].map((entry) => entry.value.text);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'trellis-server-'));
  database = join(root, 'notes');
  const db = await open(database, notes);
  await db.notes.insert({ text: 'from the server' });
  await db.close();
});
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.close()));
  for (const run of running.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run server', { timeout: 60_000 }, () => {
  it('serves on the port given, a replica with an issued token gets the records, and SIGTERM ends it with exit 0', async () => {
    const token = await issued('ada');
    const run = server(database, '--port', '0');
    const [line, path, url] = await run.line(SERVING);
    expect(path).toBe(database);
    const replica = await replicaOf(url!, { token });
    await replica.sync.synced();
    expect(texts(replica)).toEqual(['from the server']);
    run.child.kill('SIGTERM');
    expect(await run.exited()).toBe(0);
    expect(run.stdout()).toBe(`${line}${STOP_HINT}\n`);
    expect(run.stderr()).toBe('');
  });

  it('says how to issue a token when none was, and warns that --open lets anyone in', async () => {
    const bare = join(root, 'bare');
    await (await open(bare, notes)).close();
    const run = server(bare, '--port', '0');
    await run.line(SERVING);
    run.child.kill('SIGINT');
    expect(await run.exited()).toBe(0);
    expect(run.stderr()).toBe(`trellis server: no token has been issued for ${bare}, so no replica can connect yet: issue one with npm run server -- ${bare} token issue USER\n`);

    const openRun = server(bare, '--port', '0', '--open');
    const [, , url] = await openRun.line(SERVING);
    await (await replicaOf(url!, {})).sync.synced();
    openRun.child.kill('SIGINT');
    expect(await openRun.exited()).toBe(0);
    expect(openRun.stderr()).toBe('trellis server: --open: no tokens are asked for, so anyone who can reach this port can read and write every tree\n');
  });

  it('--check-out makes a tree need check-out, kept in the database for later starts until --check-out \'\' ends it; --last-writer-wins likewise; an unknown tree is a usage error', async () => {
    const kept = join(root, 'kept');
    await (await open(kept, notes)).close();
    const first = server(kept, '--port', '0', '--open', '--check-out', 'notes');
    const [, , url] = await first.line(SERVING);
    await first.line(/^Records of notes must be checked out before they are changed\n/m);
    const replica = await replicaOf(url!, {});
    await replica.sync.synced();
    expect(replica.sync.checkOutTrees()).toEqual(['notes']);
    await expect(replica.db.notes.insert({ text: 'a new record needs no check-out' })).resolves.toBeDefined();
    await replica.close();
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);

    const again = server(kept, '--port', '0', '--open');
    await again.line(/^Records of notes must be checked out before they are changed\n/m);
    again.child.kill('SIGTERM');
    expect(await again.exited()).toBe(0);
    const ended = server(kept, '--port', '0', '--open', '--check-out', '');
    await ended.line(SERVING);
    ended.child.kill('SIGTERM');
    expect(await ended.exited()).toBe(0);
    expect(ended.stdout()).not.toContain('must be checked out');

    const lww = server(kept, '--port', '0', '--open', '--last-writer-wins', 'notes');
    await lww.line(/^In notes the last edit to reach the server wins \(no conflicts\)\n/m);
    lww.child.kill('SIGTERM');
    expect(await lww.exited()).toBe(0);
    expect(await finished(kept, '--last-writer-wins', 'nopes')).toMatchObject({ code: 2, stderr: expect.stringContaining("has no tree 'nopes'") as string });
    expect(await finished(kept, '--check-out', 'notes,nopes')).toEqual({ code: 2, stdout: '', stderr: `trellis server: ${kept} has no tree 'nopes' (its trees: notes)\n` });
    expect((await finished(kept, 'token', 'list', '--check-out', 'notes')).stderr).toMatch(/token commands take no --check-out/);
  });

  it('exits 1 with one line when its port is in use (another server on it)', async () => {
    const first = server(database, '--port', '0', '--open');
    const [, , url] = await first.line(SERVING);
    const port = new URL(url!).port;
    expect(await finished(database, '--port', port, '--open')).toEqual({ code: 1, stdout: '', stderr: `trellis server: cannot listen on 127.0.0.1:${port}: the port is in use (choose another with --port, or 0 for any free one)\n` });
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
  });

  it('exits 1 naming a path that holds no database, and creates nothing there', async () => {
    const missing = join(root, 'missing');
    const runs = await Promise.all([[missing], [missing, '--open'], [missing, 'token', 'issue', 'ada'], [missing, 'token', 'list']].map((args) => finished(...args)));
    for (const outcome of runs) expect(outcome).toEqual({ code: 1, stdout: '', stderr: `trellis server: ${missing} is not a Trellis database: there is nothing at this path\n` });
    expect(existsSync(missing)).toBe(false);
  });

  it('exits 2 with a usage error for --cert without --key, and for tree names the database does not have', async () => {
    const { code, stderr } = await finished(database, '--cert', join(root, 'cert.pem'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^trellis server: --cert and --key go together: .* \(usage: npm run server -- PATH .*\)\n$/);
    expect(await finished(database, 'token', 'issue', 'ada', '--read', 'notes', '--write', 'notse')).toEqual({
      code: 2,
      stdout: '',
      stderr: `trellis server: ${database} has no tree 'notse' (its trees: notes; '*' means every tree)\n`,
    });
  });

  it('shows each token once when issued, and lists users and grants, never the tokens', async () => {
    const token = await issued('bob', '--read', 'notes', '--write', 'notes', '--admin');
    const { code, stdout } = await finished(database, 'token', 'list');
    expect(code).toBe(0);
    expect(stdout).toContain('bob: read: notes; write: notes; admin\n');
    expect(stdout).not.toContain(token);
    expect(stdout).not.toContain('trellis_');
  });

  it('revokes a user: a replica connected with that token is cut off, and refused UNAUTHORIZED from then on', async () => {
    const token = await issued('carol', '--write', 'notes');
    const run = server(database, '--port', '0');
    const [, , url] = await run.line(SERVING);
    const path = mkdtempSync(join(root, 'carol-'));
    const before = await replicaOf(url!, { token }, path);
    await before.sync.synced();
    expect(await finished(database, 'token', 'revoke', 'carol')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Removed 1 token of carol from /) });
    // Still connected when the token went: the server ends the connection, and the hello that follows is refused.
    await expect.poll(() => before.sync.status().state, { timeout: 15_000 }).toBe('refused');
    expect(before.sync.status().error?.code).toBe('UNAUTHORIZED');
    await before.db.notes.insert({ text: 'written after the revocation' });
    expect(before.sync.status().waiting).toBe(1); // kept here, never sent
    await before.close();
    replicas.splice(replicas.indexOf(before), 1);
    const after = await replicaOf(url!, { token }, path);
    await expect(after.sync.synced()).rejects.toThrow();
    expect(after.sync.status()).toMatchObject({ state: 'refused', error: { code: 'UNAUTHORIZED' } });
  });

  it('serves wss:// with --cert and --key, and a replica trusting the certificate syncs', async (context) => {
    const dir = mkdtempSync(join(root, 'tls-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
    } catch (error) {
      console.info(`skipped: openssl cannot make a self-signed certificate here (${(error as Error).message.split('\n')[0]})`);
      context.skip();
    }
    const token = await issued('dan');
    const run = server(database, '--port', '0', '--cert', cert, '--key', key);
    const [, , url] = await run.line(SERVING);
    expect(url).toMatch(/^wss:\/\//);
    const replica = await replicaOf(url!, { token, ca: readFileSync(cert, 'utf8') });
    await replica.sync.synced();
    expect(texts(replica)).toEqual(['from the server']);
  });
});
