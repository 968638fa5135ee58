/**
 * Runs every ```ts block of engine/README.md as a module of its own, against a
 * real LMDB database in a temp folder. The blocks assert what they show
 * (node:assert), so an example that no longer matches the API fails here.
 *
 * Each block is written to a temp file with its '@trellis/engine' import
 * pointed at engine/src/index.ts (what the "source" condition resolves to),
 * then imported. TMPDIR is pointed at one folder for the run, so the databases
 * the examples make in `tmpdir()` are removed with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../..');
const readmePath = join(repoRoot, 'engine/README.md');
const engineEntry = join(repoRoot, 'engine/src/index.ts');

interface ReadmeBlock {
  /** The heading the block is under, and its number there: "Indexes #2". */
  readonly name: string;
  readonly line: number;
  readonly code: string;
}

/** The ```ts blocks of a Markdown text, named by the heading above them. */
function tsBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = markdown.split('\n');
  let heading = '(top)';
  let inHeading = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const title = /^#{1,4} (.*)$/.exec(line)?.[1];
    if (title !== undefined) {
      heading = title;
      inHeading = 0;
      continue;
    }
    if (line !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README line ${i + 1}: a ts block that never ends`);
    inHeading++;
    blocks.push({ name: `${heading} #${inHeading}`, line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The repository's strict compiler options (tsconfig.base.json), with the "source" condition. */
function baseCompilerOptions(): ts.CompilerOptions {
  const configPath = join(repoRoot, 'engine/examples/tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, join(repoRoot, 'engine/examples')).options;
}

const blocks = tsBlocks(readFileSync(readmePath, 'utf8'));
let runDir: string;
const savedTmpdir = process.env['TMPDIR'];

beforeAll(() => {
  runDir = mkdtempSync(join(tmpdir(), 'trellis-readme-'));
  process.env['TMPDIR'] = runDir;
});

afterAll(() => {
  if (savedTmpdir === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmpdir;
  rmSync(runDir, { recursive: true, force: true });
});

describe('engine/README.md examples', () => {
  it('has examples to run', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it('type-checks as written', () => {
    // .mts: an ES module wherever it lies, so top-level await is allowed.
    const files = blocks.map(({ code, line }) => {
      const file = join(runDir, `check-${line}.mts`);
      writeFileSync(file, code);
      return file;
    });
    const program = ts.createProgram(files, {
      ...ts.getDefaultCompilerOptions(),
      ...baseCompilerOptions(),
      noEmit: true,
      paths: { '@trellis/engine': [engineEntry] },
      typeRoots: [join(repoRoot, 'node_modules/@types')],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const block = d.file && blocks[files.indexOf(d.file.fileName)];
      const where = d.file && block ? `README line ${block.line + 1 + d.file.getLineAndCharacterOfPosition(d.start ?? 0).line}: ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 60_000); // a whole program: about 10 s on a quiet machine

  it.each(blocks)('$name (README line $line) runs', async ({ code, line }) => {
    const source = code.replaceAll("from '@trellis/engine'", `from ${JSON.stringify(engineEntry)}`);
    const file = join(runDir, `block-${line}.mts`);
    writeFileSync(file, source);
    await import(pathToFileURL(file).href);
  });
});
