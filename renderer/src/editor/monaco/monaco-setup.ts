/**
 * Monaco, loaded from the package and never from a CDN: the slim editor API
 * plus only the contributions the record editor uses (suggest, hover, links,
 * folding, find, diff...), instead of `monaco-editor`'s main entry with its
 * eighty languages and TypeScript worker. The one worker needed (the editor's
 * own, for diffs and word ranges) is bundled by Vite through `?worker`.
 */
import * as monaco from 'monaco-editor/editor';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

// Monaco 0.57's per-feature entries (what `features/register.all` would load, minus the unneeded).
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
// Not in any feature entry (editor.main imports them directly): the suggest widget itself, core commands, UI strings.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/common/standaloneStrings';

import { registerJson5Language } from './json5-language.js';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

let configured = false;

/** Idempotent: the first editor mounted configures Monaco for every later one. */
export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  loader.config({ monaco });
  registerJson5Language(monaco);
  return monaco;
}

export type Monaco = typeof monaco;
