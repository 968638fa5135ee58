// ESLint flat config. Not type-aware on purpose: lint stays fast, and `tsc`
// (npm run typecheck) already does the type-level checking.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering (STYLE.md item 1): folders are split by runtime, and the split is
// enforced here rather than hoped for.
//   engine/   plain Node + TypeScript: no Electron, no React/DOM, nothing from app/ or renderer/.
//   renderer/ runs in a sandboxed browser window: no Node builtins, no lmdb, no
//             Electron, and the engine only as types (its runtime lives in the main process).
//   app/      the Electron main process: the one place Electron and the engine meet.
// Each folder gets its own `no-restricted-imports` block; in flat config a later
// block replaces a rule's options, so the blocks must not overlap.
const upTo = (dirs) => `^(\\.\\./)+(${dirs})(/|$)`; // matches '../app', '../../renderer/x'

const engineImports = {
  patterns: [
    {
      regex: '^(electron|react|react-dom)(/|$)',
      message: 'engine/ is runtime-neutral: no Electron, React or DOM (STYLE.md 1).',
    },
    {
      regex: `${upTo('app|renderer')}|^@trellis/(app|renderer)(/|$)`,
      message: 'engine/ must not depend on app/ or renderer/ (STYLE.md 1).',
    },
  ],
};

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const rendererImports = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'renderer/ runs in a sandboxed window: no Node builtins (STYLE.md 1, 4).',
  })),
  patterns: [
    { regex: '^node:', message: 'renderer/ runs in a sandboxed window: no Node builtins (STYLE.md 1, 4).' },
    {
      regex: '^(lmdb|electron)(/|$)',
      message: 'renderer/ must not load lmdb or Electron; talk to the host through the preload API.',
    },
    {
      // The host contract is browser-safe and shared; the rest of app/ runs in Node.
      regex: `${upTo('app')}(?!contract(/|$))`,
      message: 'renderer/ may import only app/contract from app/ (STYLE.md 2).',
    },
    {
      // Types are erased at build time, so `import type` from the engine is fine;
      // its runtime-neutral layer (@trellis/engine/common/<file>) may be imported as code.
      regex: `^@trellis/engine(?!/common/)(/|$)|${upTo('engine')}`,
      allowTypeImports: true,
      message: 'renderer/ may import the engine only with `import type`, except @trellis/engine/common/<file> (STYLE.md 1).',
    },
  ],
};

// Inner walls of the renderer. A later block replaces the renderer block's
// `no-restricted-imports` options for its files, so each repeats rendererImports.
const insideRenderer = (...patterns) => ({ paths: rendererImports.paths, patterns: [...rendererImports.patterns, ...patterns] });
const noReact = (where) => [
  { regex: '^(react|react-dom)(/|$)', message: `${where} is headless: no React (STYLE.md 5).` },
  {
    // Components live in PascalCase .tsx files (imported as .js).
    regex: '\\.tsx$|(^|/)[A-Z][^/]*$',
    caseSensitive: true,
    message: `${where} is headless: no React component modules (STYLE.md 5).`,
  },
];
// grid/core: the grid's plain-TypeScript model; grid/ around it holds the React hooks and components.
const gridCoreImports = insideRenderer(...noReact('grid/core'), {
  regex: '^\\.\\./(?!\\.\\./)',
  message: 'grid/core is headless: nothing from grid/ outside core (its React hooks and components).',
});
// schema/core: the schema view's and the diagram's plain-TypeScript model; schema/ around it holds the React side.
const schemaCoreImports = insideRenderer(...noReact('schema/core'), {
  regex: '^\\.\\./(?!\\.\\./)',
  message: 'schema/core is headless: nothing from schema/ outside core (its React components).',
});
// sync/core: a replica's sync in words and the check-out book (plain TypeScript); sync/ around it holds the React side.
const syncCoreImports = insideRenderer(...noReact('sync/core'), {
  regex: '^\\.\\./(?!\\.\\./)',
  message: 'sync/core is headless: nothing from sync/ outside core (its React hooks and components).',
});
// values/: the headless value types; the grid alone maps them to React cells (grid/cells).
const valuesImports = insideRenderer(...noReact('values/'), {
  regex: '^\\.\\./(?!\\.\\./)',
  message: 'values/ is headless and a leaf: nothing from the rest of the renderer (cells live in grid/cells).',
});
// editor/text and editor/schema: the record panel's logic, unit-tested in Node; React and Monaco only adapt it.
const editorLogicImports = insideRenderer(...noReact('editor/text and editor/schema'), {
  regex: '^(monaco-editor|@monaco-editor/)',
  message: 'editor/text and editor/schema are plain TypeScript: Monaco stays in editor/monaco.',
});
// client/: the connection and its transports only; boot/ and the app build on it.
const clientImports = insideRenderer({
  regex: '^\\.\\./(grid|state|shell|editor|references|values|commands|boot)(/|$)',
  message: 'client/ is transport only: nothing from the app (grid, state, shell, editor, references, values, boot).',
});

// engine/src/common runs in every runtime, the browser window included: nothing
// from Node, lmdb or the rest of the engine (which assumes Node).
const commonImports = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'engine/src/common runs in the browser too: no Node builtins.' })),
  patterns: [
    { regex: '^node:', message: 'engine/src/common runs in the browser too: no Node builtins.' },
    { regex: '^(lmdb|ordered-binary|electron|react|react-dom)(/|$)', message: 'engine/src/common is runtime-neutral: no native or UI packages.' },
    { regex: '^\\.\\./', message: 'engine/src/common imports nothing from the rest of the engine (the renderer bundles it).' },
  ],
};

// app/: Electron belongs to app/electron (main process and preload); the host, the web host,
// app/isolation's engine process and the CLI run in plain Node, where `electron` is not there.
const appImports = {
  patterns: [
    {
      regex: '^electron(/|$)',
      message: 'Only app/electron may import Electron; the rest of app/ runs in plain Node (STYLE.md 1).',
    },
  ],
};

// app/contract is shared with the renderer (a sandboxed browser window) and types both sides:
// TypeBox, its own files, and the engine as types (its runtime-neutral layer as code).
const contractImports = {
  patterns: [
    {
      regex: '^(?!typebox(/|$)|@trellis/engine(/|$)|\\./)',
      message: 'app/contract is browser-safe and shared: it imports only typebox, its own files and the engine (STYLE.md 2).',
    },
    {
      regex: '^@trellis/engine(?!/common/)(/|$)',
      allowTypeImports: true,
      message: 'app/contract may import the engine only with `import type`, except @trellis/engine/common/<file> (STYLE.md 1).',
    },
  ],
};

// `.only` silently skips the rest of a suite; vitest also refuses it when CI=true.
const noOnly = ['describe', 'it', 'test'].map((object) => ({
  object,
  property: 'only',
  message: 'Remove .only before committing.',
}));

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '**/coverage/', '**/test-results/', '**/.tmp/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  { ignores: ['renderer/**'], languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      'no-restricted-properties': ['error', ...noOnly],
    },
  },
  { files: ['engine/**'], ignores: ['engine/src/common/**'], rules: { 'no-restricted-imports': ['error', engineImports] } },
  { files: ['engine/src/common/**'], rules: { 'no-restricted-imports': ['error', commonImports] } },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererImports] },
  },
  { files: ['renderer/src/grid/core/**'], rules: { 'no-restricted-imports': ['error', gridCoreImports] } },
  { files: ['renderer/src/values/**'], rules: { 'no-restricted-imports': ['error', valuesImports] } },
  { files: ['renderer/src/schema/core/**'], rules: { 'no-restricted-imports': ['error', schemaCoreImports] } },
  { files: ['renderer/src/sync/core/**'], rules: { 'no-restricted-imports': ['error', syncCoreImports] } },
  {
    files: ['renderer/src/editor/text/**', 'renderer/src/editor/schema/**'],
    rules: { 'no-restricted-imports': ['error', editorLogicImports] },
  },
  { files: ['renderer/src/client/**'], rules: { 'no-restricted-imports': ['error', clientImports] } },
  // app/electron may import Electron and everything else of app/: no block for it.
  { files: ['app/**'], ignores: ['app/electron/**', 'app/contract/**'], rules: { 'no-restricted-imports': ['error', appImports] } },
  // Its tests run in Node beside it (vitest), so only the shipped files are walled.
  { files: ['app/contract/**'], ignores: ['app/contract/**/*.test.ts'], rules: { 'no-restricted-imports': ['error', contractImports] } },
  {
    // Type tests are made of `// @ts-expect-error` lines that tsc verifies.
    files: ['engine/type-tests/**', 'renderer/type-tests/**'],
    rules: { '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': false }] },
  },
);
