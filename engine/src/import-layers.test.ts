/**
 * The engine's modules form no import circle (type-only imports count: they
 * tie modules together as much for a reader), and the folders keep their
 * order: core/ and the faces (opaque/, typed/) never import the integrity
 * check, which sits above them; core/ imports no face.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?(?:from\s*)?'(\.{1,2}\/[^']+)'|\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

/** Every source module (tests and their fixtures left out) → the modules it imports, as paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.split('/').includes('fixtures'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const targets = [...text.matchAll(RELATIVE_IMPORT)].map((match) => {
      const target = resolve(SRC, dirname(file), (match[1] ?? match[2])!).replace(/\.js$/, '.ts');
      return relative(SRC, target);
    });
    graph.set(file, targets);
  }
  return graph;
}

/** Each circle once, as the modules along it (depth-first search; a back edge closes one). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') found.push([...path.slice(path.indexOf(target)), target]);
      else if (!state.has(target) && graph.has(target)) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

describe('engine imports', () => {
  const graph = importGraph();

  it('are read from the sources (the check would pass on nothing otherwise)', () => {
    expect(graph.get('core/engine.ts')).toContain('core/write-context.ts');
    expect(graph.get('index.ts')?.length).toBeGreaterThan(10);
  });

  it('form no circle', () => {
    expect(circles(graph).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('keep the integrity check above core/ and the faces, and the faces above core/', () => {
    const below: Record<string, readonly string[]> = { core: ['integrity', 'opaque', 'typed'], opaque: ['integrity', 'typed'], typed: ['integrity'] };
    const crossings = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => below[folderOf(file)]?.includes(folderOf(target))).map((target) => `${file} → ${target}`),
    );
    expect(crossings).toEqual([]);
  });
});
