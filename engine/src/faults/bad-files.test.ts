/**
 * Damaged and hostile files: each is opened in a child process (./fixtures/open-probe.ts),
 * so a crash inside LMDB shows as a signal instead of taking the runner down. Each
 * open is refused with NOT_A_DATABASE and a message that says what is wrong, and
 * the files are byte-for-byte as before. A full disk (a 1 MiB tmpfs, where mounting
 * is allowed) keeps every acknowledged write. Known limitations are asserted as
 * they are, with the reason printed (see ./CONTEXT.md).
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoIncrement, open, schema, t, tree } from '../index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'trellis-bad-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const items = tree('items', { key: autoIncrement(), value: t.object({ name: t.string(), n: t.integer() }), indexes: { byName: { on: 'name' } } });
const RECORDS = 300;
let original: Buffer;

beforeAll(async () => {
  const db = await open(join(dir, 'good'), schema(items));
  await db.transaction((tx) => {
    for (let n = 1; n <= RECORDS; n++) tx.items.insert({ name: `item ${n} `.padEnd(40, '.'), n });
  });
  await db.close();
  original = readFileSync(join(dir, 'good', 'data.mdb'));
});

interface ProbeAnswer {
  readonly ok: boolean;
  readonly code?: string | null;
  readonly message?: string;
  readonly records?: number;
  readonly sound?: boolean;
}

interface ProbeResult {
  readonly status: number | null;
  readonly signal: string | null;
  readonly answer?: ProbeAnswer | undefined;
  readonly stderr: string;
  /** The highest `{"ack":n}` printed (fill.ts). */
  readonly acked: number;
}

interface RunOptions {
  /** Kills the child after this long (a hang shows as SIGTERM). */
  readonly timeoutMs?: number;
  /** Runs the child as this user (root only, through runuser). */
  readonly user?: string;
}

function run(script: string, args: string[], options: RunOptions = {}): Promise<ProbeResult> {
  const node = [process.execPath, '--conditions=source', '--import', 'tsx', join(here, 'fixtures', script), ...args];
  const [command, ...commandArgs] = options.user ? ['runuser', '-u', options.user, '--', ...node] : node;
  return new Promise((done) => {
    const child = execFile(command!, commandArgs, { cwd: root, timeout: options.timeoutMs ?? 90_000 }, (error, stdout, stderr) => {
      const lines = stdout.trim().split('\n').filter(Boolean);
      const last = lines.at(-1);
      const acked = Math.max(0, ...lines.map((line) => Number(/^\{"ack":(\d+)\}$/.exec(line)?.[1] ?? 0)));
      const answer = last && !last.startsWith('{"ack"') ? { answer: JSON.parse(last) as ProbeAnswer } : {};
      done({ status: child.exitCode, signal: child.signalCode ?? (error as { signal?: string } | null)?.signal ?? null, stderr, acked, ...answer });
    });
  });
}

type ProbeMode = 'write' | 'readOnly' | 'create';
const probe = (path: string, mode: ProbeMode = 'write', options: RunOptions = {}) => run('open-probe.ts', mode === 'write' ? [path] : [path, mode], options);

/** SHA-256 of every file in `folder` but lock.mdb (LMDB writes its reader table there on any open; it holds no data). */
function fingerprint(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name !== 'lock.mdb')
      .map((name) => [name, createHash('sha256').update(readFileSync(join(folder, name))).digest('hex')]),
  );
}

/** A copy of the good database's data file, damaged by `damage`. */
function damaged(name: string, damage: (bytes: Buffer) => Buffer): string {
  const path = join(dir, name);
  mkdirSync(path);
  writeFileSync(join(path, 'data.mdb'), damage(Buffer.from(original)));
  return path;
}

function scribble(bytes: Buffer, from: number, length: number): Buffer {
  let state = from + 1;
  for (let i = from; i < Math.min(bytes.length, from + length); i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const PAGE = 4096;
const refused: [string, (bytes: Buffer) => Buffer, RegExp][] = [
  ['truncated to half', (b) => b.subarray(0, b.length >> 1), /truncated/],
  ['truncated to a few bytes', (b) => b.subarray(0, 10), /too short/],
  // Not "by its last page": LMDB's own last-page mark may lie a little past a sound file's end, so a shortfall of a page or two is indistinguishable.
  ['truncated by a quarter', (b) => b.subarray(0, Math.floor((b.length * 3) / 4 / PAGE) * PAGE), /truncated/],
  ['random bytes over the first meta page', (b) => scribble(b, 60, 140), /damaged/],
  ['random bytes over the second meta page', (b) => scribble(b, PAGE + 16, 200), /damaged/],
  ['random bytes over its magic number', (b) => scribble(b, 24, 8), /not an LMDB file|damaged/],
  ['random bytes at the start of every tree page', (b) => { for (let p = 2 * PAGE; p < b.length; p += PAGE) scribble(b, p, 64); return b; }, /damaged/],
];

describe('a damaged data file', () => {
  it('opens, as a control, when undamaged', async () => {
    const path = damaged('control', (b) => b);
    expect((await probe(path)).answer).toEqual({ ok: true, records: RECORDS, sound: true });
  }, 120_000);

  for (const [what, damage, reason] of refused) {
    it(`${what}: refused with NOT_A_DATABASE saying why, the file untouched`, async () => {
      const path = damaged(what.replace(/\W+/g, '-'), damage);
      const before = fingerprint(path);
      for (const mode of what === 'truncated to half' ? (['write', 'readOnly'] as const) : (['write'] as const)) {
        const result = await probe(path, mode);
        expect(result.signal, `crashed: ${result.stderr}`).toBeNull();
        expect(result.answer).toMatchObject({ ok: false, code: 'NOT_A_DATABASE', message: expect.stringContaining(path) });
        expect(result.answer?.message).toMatch(reason);
      }
      expect(fingerprint(path)).toEqual(before);
    }, 120_000);
  }

  it('random bytes in the middle of a tree page: known limitation, LMDB crashes the process (asserted as it is)', async () => {
    // The header check follows the meta pages to the tree roots only; a damaged page deeper
    // in a tree is found by LMDB when it reads it, and lmdb-js ends the process (SIGBUS/SIGSEGV).
    const path = damaged('middle', (b) => scribble(b, Math.floor(b.length / PAGE / 2) * PAGE + 512, 2048));
    const before = fingerprint(path);
    const result = await probe(path);
    // Depending on which bytes land where: a crash (SIGBUS/SIGSEGV), an LMDB error that is not a
    // TrellisError (e.g. MDB_CORRUPTED), or an open whose verify reports the damage.
    console.info(`known limitation: damage inside a tree page: ${result.signal ? `the process crashed with ${result.signal}` : JSON.stringify(result.answer)}`);
    if (!result.signal) expect(result.answer).toBeDefined();
    expect(fingerprint(path)).toEqual(before);
  }, 120_000);
});

/** Why `chattr +i` cannot be used here (it needs root, and a file system with inode flags: ext4, xfs, btrfs, not tmpfs or overlayfs), or undefined. */
function immutableFlagProblem(): string | undefined {
  const file = join(dir, 'chattr-check');
  writeFileSync(file, '');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'pipe' });
    execFileSync('chattr', ['-i', file], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `chattr +i does not work on ${dir} (${(error as Error).message.split('\n')[0]}); it needs root and a file system with inode flags (ext4, xfs, btrfs)`;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Runs `body` with `paths` marked immutable (not even root may change them), and unmarks them after. */
async function whileImmutable(paths: string[], body: () => Promise<void>): Promise<void> {
  execFileSync('chattr', ['+i', ...paths], { stdio: 'pipe' });
  try {
    await body();
  } finally {
    execFileSync('chattr', ['-i', ...paths], { stdio: 'pipe' });
  }
}

/** A sound copy of the good database with its lock.mdb, as LMDB leaves a folder it has opened. */
async function opened(name: string): Promise<string> {
  const path = damaged(name, (b) => b);
  expect((await probe(path, 'readOnly')).answer).toMatchObject({ ok: true });
  expect(readdirSync(path).sort()).toEqual(['data.mdb', 'lock.mdb']);
  return path;
}

function expectRefused(result: ProbeResult, code: string, ...patterns: (string | RegExp)[]): void {
  expect(result.signal, `crashed: ${result.stderr}`).toBeNull();
  expect(result.answer, result.stderr).toMatchObject({ ok: false, code });
  for (const pattern of patterns) expect(result.answer?.message).toMatch(pattern);
}

const IMMUTABLE = /operation not permitted \(the file or folder is marked immutable/;

// lmdb-js 3.5 crashed (SIGSEGV) on every one of these: a failed environment open frees its bookkeeping twice.
describe('files LMDB may not write: refused with ACCESS_DENIED before LMDB opens them, nothing created', () => {
  const skipped = (context: { skip: () => void }) => {
    const problem = immutableFlagProblem();
    if (problem) {
      console.info(`skipped: ${problem}`);
      context.skip();
    }
  };

  it('an immutable folder without lock.mdb: both modes refused, naming lock.mdb', async (context) => {
    skipped(context);
    const path = damaged('immutable-folder', (b) => b);
    const before = fingerprint(path);
    await whileImmutable([path], async () => {
      for (const mode of ['write', 'readOnly'] as const) {
        expectRefused(await probe(path, mode), 'ACCESS_DENIED', `cannot open ${path}: ${join(path, 'lock.mdb')} cannot be created`, IMMUTABLE);
      }
    });
    expect(readdirSync(path)).toEqual(['data.mdb']);
    expect(fingerprint(path)).toEqual(before);
  }, 120_000);

  it('an immutable lock.mdb: both modes refused, naming it', async (context) => {
    skipped(context);
    const path = await opened('immutable-lock');
    const before = fingerprint(path);
    await whileImmutable([join(path, 'lock.mdb')], async () => {
      for (const mode of ['write', 'readOnly'] as const) {
        expectRefused(await probe(path, mode), 'ACCESS_DENIED', `${join(path, 'lock.mdb')} cannot be opened for writing`, IMMUTABLE);
      }
    });
    expect(fingerprint(path)).toEqual(before);
  }, 120_000);

  it('an append-only lock.mdb (chattr +a, which access() does not see): both modes refused, naming it', async (context) => {
    skipped(context);
    const path = await opened('append-only-lock');
    const lock = join(path, 'lock.mdb');
    execFileSync('chattr', ['+a', lock], { stdio: 'pipe' });
    try {
      for (const mode of ['write', 'readOnly'] as const) {
        expectRefused(await probe(path, mode), 'ACCESS_DENIED', `${lock} cannot be opened for writing`, /immutable or append-only/);
      }
    } finally {
      execFileSync('chattr', ['-a', lock], { stdio: 'pipe' });
    }
  }, 120_000);

  it('an immutable data.mdb: a writable open is refused, naming it; a read-only open reads it', async (context) => {
    skipped(context);
    const path = await opened('immutable-data');
    const before = fingerprint(path);
    await whileImmutable([join(path, 'data.mdb')], async () => {
      expectRefused(await probe(path), 'ACCESS_DENIED', `${join(path, 'data.mdb')} cannot be opened for writing`, IMMUTABLE);
      expect((await probe(path, 'readOnly')).answer).toEqual({ ok: true, records: RECORDS, sound: true });
    });
    expect(fingerprint(path)).toEqual(before);
  }, 120_000);

  it('a new database in an immutable folder, or in a new folder below one: refused, nothing created', async (context) => {
    skipped(context);
    const parent = join(dir, 'immutable-parent');
    const empty = join(parent, 'empty');
    mkdirSync(empty, { recursive: true });
    await whileImmutable([parent, empty], async () => {
      expectRefused(await probe(empty, 'create'), 'ACCESS_DENIED', `${join(empty, 'lock.mdb')} cannot be created`, IMMUTABLE);
      expectRefused(await probe(join(parent, 'new', 'db'), 'create'), 'ACCESS_DENIED', `${join(parent, 'new', 'db')} cannot be created in ${parent}`, IMMUTABLE);
    });
    expect(readdirSync(parent)).toEqual(['empty']);
    expect(readdirSync(empty)).toEqual([]);
  }, 120_000);

  it('a read-only mount: a writable open is refused (read-only file system); a read-only open reads it', async (context) => {
    const path = await opened('under-read-only-mount');
    const mount = join(dir, 'read-only-mount');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['--bind', '-o', 'ro', path, mount], { stdio: 'pipe' });
    } catch (error) {
      console.info(`skipped: cannot bind-mount read-only here (${(error as Error).message.split('\n')[0]}); needs root or CAP_SYS_ADMIN`);
      context.skip();
    }
    try {
      const before = fingerprint(mount);
      expectRefused(await probe(mount), 'ACCESS_DENIED', `${join(mount, 'data.mdb')} cannot be opened for writing: the file system is mounted read-only`);
      // LMDB reads without its lock file where it may not write one (mdb_env_setup_locks).
      expect((await probe(mount, 'readOnly')).answer).toEqual({ ok: true, records: RECORDS, sound: true });
      expect(fingerprint(mount)).toEqual(before);
    } finally {
      execFileSync('umount', [mount], { stdio: 'pipe' });
    }
  }, 120_000);
});

describe('a database another user may not write', () => {
  /**
   * The user the probe runs as. File modes do not stop root, so as root it is `nobody`
   * (through runuser), in a folder it can reach; otherwise this process's own user.
   */
  function otherUser(): { user?: string; skip?: string } {
    if (process.getuid?.() !== 0) return {};
    try {
      execFileSync('runuser', ['-u', 'nobody', '--', 'test', '-r', join(here, 'fixtures', 'open-probe.ts')], { stdio: 'pipe' });
      return { user: 'nobody' };
    } catch (error) {
      return { skip: `running as root, where file modes do not apply, and runuser -u nobody cannot run the probe here (${(error as Error).message.split('\n')[0]})` };
    }
  }

  it('opens read-only (with or without lock.mdb) and refuses a writable open; a folder it cannot enter is refused in both modes', async (context) => {
    const { user, skip } = otherUser();
    if (skip) {
      console.info(`skipped: ${skip}`);
      context.skip();
    }
    // nobody must be able to reach the folders; this process's temp folder is private.
    const reachable = mkdtempSync(join(tmpdir(), 'trellis-other-user-'));
    chmodSync(reachable, 0o755);
    const options = user ? { user } : {};
    const copy = (name: string, withLock: boolean) => {
      const path = join(reachable, name);
      mkdirSync(path);
      writeFileSync(join(path, 'data.mdb'), original, { mode: 0o644 });
      if (withLock) writeFileSync(join(path, 'lock.mdb'), '', { mode: 0o644 });
      // Not writable by `nobody` (not the owner); as a plain user, not writable by the owner either.
      if (!user) chmodSync(join(path, 'data.mdb'), 0o444);
      chmodSync(path, 0o555);
      return path;
    };
    try {
      for (const withLock of [true, false]) {
        const path = copy(withLock ? 'with-lock' : 'without-lock', withLock);
        const before = readdirSync(path).sort();
        expect((await probe(path, 'readOnly', options)).answer, `read-only, lock.mdb ${withLock ? 'present' : 'absent'}`).toEqual({ ok: true, records: RECORDS, sound: true });
        expectRefused(await probe(path, 'write', options), 'ACCESS_DENIED', `${join(path, 'data.mdb')} cannot be opened for writing: permission denied`);
        expect(readdirSync(path).sort()).toEqual(before);
      }
      const closed = copy('closed', true);
      chmodSync(closed, 0o700);
      if (!user) chmodSync(closed, 0o000);
      for (const mode of ['write', 'readOnly'] as const) {
        expectRefused(await probe(closed, mode, options), 'ACCESS_DENIED', `${join(closed, 'data.mdb')} cannot be looked at: permission denied`);
      }
    } finally {
      for (const name of readdirSync(reachable)) chmodSync(join(reachable, name), 0o755);
      rmSync(reachable, { recursive: true, force: true });
    }
  }, 180_000);
});

/** How to make each kind of thing that is not a file, at `file` (and how to put it away after, where it needs that). */
const NOT_FILES: [string, (file: string) => void | Promise<() => Promise<void>>, RegExp][] = [
  ['a named pipe', (file) => void execFileSync('mkfifo', [file]), /is a named pipe \(FIFO\), not a file/],
  ['a link to a named pipe', (file) => {
    const pipe = `${file}.pipe`;
    execFileSync('mkfifo', [pipe]);
    symlinkSync(pipe, file);
  }, /is a link to a named pipe \(FIFO\), not a file/],
  ['a socket', async (file) => {
    const server = createServer();
    await new Promise<void>((listening) => server.listen(file, listening));
    return () => new Promise<void>((closed) => server.close(() => closed()));
  }, /is a socket, not a file/],
  ['a folder', (file) => mkdirSync(file), /is a folder, not a file/],
  ['a link to a device', (file) => symlinkSync('/dev/zero', file), /is a link to a device, not a file/],
  ['a link to nothing', (file) => symlinkSync(`${file}.missing`, file), /is a link to nothing/],
];

// A named pipe blocked the open forever; LMDB crashed on the others beside a sound data.mdb.
describe('a data.mdb or lock.mdb that is not a regular file: refused with NOT_A_DATABASE without opening it', () => {
  for (const name of ['data.mdb', 'lock.mdb'] as const) {
    it(`${name}: a named pipe, a link to one, a socket, a folder, a link to a device or to nothing`, async () => {
      for (const [what, make, reason] of NOT_FILES) {
        const path = join(dir, `${name}-${what.replace(/\W+/g, '-')}`);
        mkdirSync(path);
        if (name === 'lock.mdb') writeFileSync(join(path, 'data.mdb'), original);
        const close = await make(join(path, name));
        try {
          const before = readdirSync(path).sort();
          // A pipe blocks an open for good: bound the wait, a hang shows as SIGTERM.
          for (const mode of what === 'a named pipe' ? (['write', 'readOnly'] as const) : (['write'] as const)) {
            expectRefused(await probe(path, mode, { timeoutMs: 30_000 }), 'NOT_A_DATABASE', `${path} is not a Trellis database: its ${name} `, reason);
          }
          expect(readdirSync(path).sort(), what).toEqual(before);
        } finally {
          await close?.();
        }
      }
    }, 300_000);
  }
});

describe('a disk that fills up', () => {
  it('keeps every acknowledged write and stays sound (where a 1 MiB tmpfs can be mounted)', async (context) => {
    const mount = join(dir, 'small-disk');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (error) {
      console.info(`skipped: cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]}); needs root or CAP_SYS_ADMIN`);
      context.skip();
    }
    try {
      const path = join(mount, 'db');
      const fill = await run('fill.ts', [path]);
      const acked = fill.acked;
      expect(acked).toBeGreaterThan(10);
      if (fill.answer) {
        // The write failed with an error the caller can catch.
        expect((fill.answer as { message?: string }).message).toMatch(/space|full/i);
      } else {
        // Known limitation: lmdb-js rejects a second, internal promise on a failed commit, which
        // nobody can handle, so Node ends the writing process (exit code 1, not a signal).
        console.info(`known limitation: on a full disk lmdb-js ends the writing process: ${/Error: .*space.*/.exec(fill.stderr)?.[0] ?? fill.stderr.slice(0, 200)}`);
        expect(fill.signal).toBeNull();
        expect(fill.stderr).toMatch(/No space left on device/);
      }
      const reopened = await probe(path);
      expect(reopened.answer?.ok).toBe(true);
      expect(reopened.answer?.records).toBeGreaterThanOrEqual(acked);
      expect(reopened.answer?.sound).toBe(true);
    } finally {
      execFileSync('umount', [mount], { stdio: 'pipe' });
    }
  }, 180_000);
});
