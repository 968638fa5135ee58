/**
 * The recent list file: most recent first, no duplicates, bounded, and a
 * missing or damaged file reads as empty.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileRecentList } from './recent.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'trellis-recent-')));

describe('fileRecentList', () => {
  it('keeps the most recent first, without duplicates, at most `max`, across instances', () => {
    const file = join(fresh(), 'nested', 'recent.json');
    const recent = fileRecentList(file, 3);
    expect(recent.list()).toEqual([]);
    for (const path of ['/a', '/b', '/c', '/b', '/d']) recent.add(path);
    expect(recent.list()).toEqual(['/d', '/b', '/c']);
    expect(fileRecentList(file, 3).list()).toEqual(['/d', '/b', '/c']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['/d', '/b', '/c']);
  });

  it('reads a damaged file as empty (keeping only the strings of a list) and recovers on the next add', () => {
    const file = join(fresh(), 'recent.json');
    for (const content of ['{not json', '{"a": 1}', '42', '']) {
      writeFileSync(file, content);
      expect(fileRecentList(file).list(), content).toEqual([]);
    }
    writeFileSync(file, JSON.stringify(['/x', 5, null, '/y', '/x', '']));
    expect(fileRecentList(file).list()).toEqual(['/x', '/y']);
    fileRecentList(file).add('/z');
    expect(fileRecentList(file).list()).toEqual(['/z', '/x', '/y']);
  });

  it('bounds to 10 by default', () => {
    const recent = fileRecentList(join(fresh(), 'recent.json'));
    for (let i = 0; i < 15; i++) recent.add(`/db${i}`);
    expect(recent.list()).toHaveLength(10);
    expect(recent.list()[0]).toBe('/db14');
  });
});
