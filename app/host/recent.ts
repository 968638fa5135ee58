/**
 * The "Open Recent" list, kept as a JSON array of paths in one file: most
 * recent first, no duplicates, at most `max`. A missing or damaged file reads
 * as an empty list (it is a convenience, never a reason to fail).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RecentList {
  list(): string[];
  add(path: string): void;
}

export function fileRecentList(file: string, max = 10): RecentList {
  const read = (): string[] => {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(data)) return [];
    const paths = data.filter((p): p is string => typeof p === 'string' && p.length > 0);
    return [...new Set(paths)].slice(0, max);
  };
  return {
    list: read,
    add(path) {
      const next = [path, ...read().filter((p) => p !== path)].slice(0, max);
      mkdirSync(dirname(file), { recursive: true });
      // Write beside and rename, so a crash mid-write never leaves half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(temporary, file);
    },
  };
}
