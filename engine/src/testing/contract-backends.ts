/**
 * The two backends every contract test runs on: LMDB in a fresh temp folder
 * and the in-memory backend. Importing this module registers an afterEach that
 * closes what the test opened and removes its folders. Test code only: it is
 * left out of engine/dist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { open, type Database, type Schema } from '../index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after the current test, after those registered later. */
export function afterThisTest(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-contract-'));
  afterThisTest(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Backend {
  readonly name: string;
  /** Tests of LMDB-only behaviour (files, reopen) run on this one alone. */
  readonly lmdb: boolean;
  open<S extends Schema>(declared: S): Promise<Database<S>>;
}

export const backends: readonly Backend[] = [
  {
    name: 'lmdb',
    lmdb: true,
    async open(declared) {
      const db = await open(tempDir(), declared);
      afterThisTest(() => db.close());
      return db;
    },
  },
  {
    name: 'memory',
    lmdb: false,
    async open(declared) {
      const db = await open('mem', declared, { inMemory: true });
      afterThisTest(() => db.close());
      return db;
    },
  },
];

/** Awaits a promise that must reject with `type`, and returns the error. */
export async function failure<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  return expect.fail(`expected a ${type.name}`);
}
