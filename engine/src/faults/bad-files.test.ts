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
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function run(script: string, args: string[]): Promise<ProbeResult> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, 'fixtures', script), ...args], { cwd: root, timeout: 90_000 }, (error, stdout, stderr) => {
      const lines = stdout.trim().split('\n').filter(Boolean);
      const last = lines.at(-1);
      const acked = Math.max(0, ...lines.map((line) => Number(/^\{"ack":(\d+)\}$/.exec(line)?.[1] ?? 0)));
      const answer = last && !last.startsWith('{"ack"') ? { answer: JSON.parse(last) as ProbeAnswer } : {};
      done({ status: child.exitCode, signal: child.signalCode ?? (error as { signal?: string } | null)?.signal ?? null, stderr, acked, ...answer });
    });
  });
}

const probe = (path: string, readOnly = false) => run('open-probe.ts', readOnly ? [path, 'readOnly'] : [path]);

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
      for (const readOnly of what === 'truncated to half' ? [false, true] : [false]) {
        const result = await probe(path, readOnly);
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

describe('a database folder without write permission', () => {
  it('opens read-only and refuses a writable open with a clear error, unchanged', async (context) => {
    if (process.getuid?.() === 0) {
      console.info('skipped: running as root, where file permissions do not apply (chmod 0555 does not stop root writing)');
      context.skip();
    }
    const path = damaged('no-write', (b) => b);
    chmodSync(join(path, 'data.mdb'), 0o444);
    chmodSync(path, 0o555);
    try {
      const before = fingerprint(path);
      const readOnly = await probe(path, true);
      const writable = await probe(path);
      expect(readOnly.signal).toBeNull();
      expect(writable.signal).toBeNull();
      expect(readOnly.answer?.ok || readOnly.answer?.code).toBeTruthy();
      expect(writable.answer?.ok === true || (writable.answer?.message ?? '').length > 0).toBe(true);
      expect(fingerprint(path)).toEqual(before);
    } finally {
      chmodSync(path, 0o755);
    }
  }, 120_000);
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
