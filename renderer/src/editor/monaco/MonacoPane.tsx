/**
 * The Monaco editor for one record: the window's one editor (shared-editor.ts)
 * moved here with a model of this record's JSON5 text, markers for the
 * problems, providers bound to this model, Ctrl/Cmd+S and Ctrl/Cmd+K (the palette). The text is owned by Monaco;
 * the parent replaces it only through `load` (a new record, a reload, a
 * revert), which keeps the cursor and scroll position where it can.
 */
import { useEffect, useLayoutEffect, useRef, useState, type JSX } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import type { Transport, TreeSummary } from '../../../../app/contract/index.js';
import { JSON5_LANGUAGE } from './json5-language.js';
import type { TextProblem } from '../text/json5-text.js';
import { setupMonaco } from './monaco-setup.js';
import { attachModel, registerProviders } from './monaco-providers.js';
import { attachEditor, detachEditor, warmEditor as warm } from './shared-editor.js';

const monaco = setupMonaco();
registerProviders(monaco);

/** What the parent can do to the editor. */
export interface PaneApi {
  reveal(line: number, column: number): void;
  /** The model's text now (React's copy can be a keystroke behind). */
  getText(): string | undefined;
}

export interface TextLoad {
  readonly text: string;
  /** Changes whenever the parent wants the text replaced (even by equal text). */
  readonly generation: number;
}

export interface MonacoPaneProps {
  readonly load: TextLoad;
  readonly onChange: (text: string) => void;
  readonly problems: readonly TextProblem[];
  readonly readOnly: boolean;
  /** What typing in a read-only editor says; by default, that the toggle is on. */
  readonly readOnlyMessage?: string | undefined;
  readonly theme: 'light' | 'dark';
  readonly tree: TreeSummary;
  readonly client: Transport;
  readonly onFollow: (target: string) => void;
  readonly onSave: () => void;
  /** Mod+K: the window's command palette (Monaco would take the key as the start of a chord). */
  readonly onPalette: () => void;
  readonly apiRef: { current: PaneApi | null };
}

export function MonacoPane(props: MonacoPaneProps): JSX.Element {
  const place = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [model, setModel] = useState<Monaco.editor.ITextModel | null>(null);
  const shownGeneration = useRef(props.load.generation);
  const latest = useRef(props);
  latest.current = props;

  // Before paint: the record's text is in the editor in the frame the panel first shows.
  useLayoutEffect(() => {
    const element = place.current;
    if (!element) return undefined;
    const shared = attachEditor(monaco, element);
    const { editor } = shared;
    editorRef.current = editor;
    const own = monaco.editor.createModel(latest.current.load.text, JSON5_LANGUAGE);
    shownGeneration.current = latest.current.load.generation;
    editor.setModel(own);
    editor.updateOptions(editorOptions(latest.current));
    const changes = own.onDidChangeContent(() => latest.current.onChange(own.getValue()));
    // onSave reads the model's text itself and applies the same enabled check as the Save button.
    shared.onSave = () => latest.current.onSave();
    shared.onPalette = () => latest.current.onPalette();
    const api: PaneApi = {
      reveal(line, column) {
        editor.setPosition({ lineNumber: line, column });
        editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
        editor.focus();
      },
      getText: () => own.getValue(),
    };
    latest.current.apiRef.current = api;
    setModel(own);
    return () => {
      changes.dispose();
      if (latest.current.apiRef.current === api) latest.current.apiRef.current = null;
      detachEditor(element);
      editorRef.current = null;
      own.dispose();
    };
  }, []);

  useEffect(() => {
    editorRef.current?.updateOptions(editorOptions(props));
  }, [props.readOnly, props.readOnlyMessage]);

  useEffect(() => {
    monaco.editor.setTheme(props.theme === 'dark' ? 'vs-dark' : 'vs');
  }, [props.theme]);

  // Providers find the tree, client and follow callback by model.
  useEffect(() => {
    if (!model) return;
    return attachModel(model, {
      tree: props.tree,
      client: props.client,
      follow: (target) => latest.current.onFollow(target),
    });
  }, [model, props.tree, props.client]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || shownGeneration.current === props.load.generation) return;
    shownGeneration.current = props.load.generation;
    replaceText(editor, props.load.text);
  }, [props.load]);

  useEffect(() => {
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'trellis',
      props.problems.map((p) => ({ severity: monaco.MarkerSeverity.Error, message: p.message, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn })),
    );
  }, [model, props.problems]);

  return <div className="editor-monaco" data-testid="record-editor" ref={place} />;
}

function editorOptions(props: Pick<MonacoPaneProps, 'readOnly' | 'readOnlyMessage'>): Monaco.editor.IEditorOptions {
  return { readOnly: props.readOnly, readOnlyMessage: { value: props.readOnlyMessage ?? 'Read-only: turn off read-only mode to edit' } };
}

/** Makes the window's one editor ahead of the first record, when the browser is idle. */
export function warmEditor(): void {
  const make = () => warm(monaco);
  if ('requestIdleCallback' in window) window.requestIdleCallback(make, { timeout: 2_000 });
  else setTimeout(make, 0);
}

/** Replaces the whole text as one undoable edit, keeping the cursor and scroll where they were. */
function replaceText(editor: Monaco.editor.IStandaloneCodeEditor, text: string): void {
  const model = editor.getModel();
  if (!model || model.getValue() === text) return;
  const view = editor.saveViewState();
  // The model's own edit works in read-only editors too (executeEdits refuses there).
  model.pushStackElement();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  model.pushStackElement();
  if (view) editor.restoreViewState(view);
}
