/**
 * The Monaco editor for one record: JSON5 text, markers for the problems,
 * providers bound to this model, Ctrl/Cmd+S and Ctrl/Cmd+K (the palette). The text is owned by Monaco;
 * the parent replaces it only through `load` (a new record, a reload, a
 * revert), which keeps the cursor and scroll position where it can.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import Editor from '@monaco-editor/react';
import type * as Monaco from 'monaco-editor/editor';
import type { Transport, TreeSummary } from '../../../../app/contract/index.js';
import { JSON5_LANGUAGE } from './json5-language.js';
import type { TextProblem } from '../text/json5-text.js';
import { setupMonaco } from './monaco-setup.js';
import { attachModel, registerProviders } from './monaco-providers.js';

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
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [model, setModel] = useState<Monaco.editor.ITextModel | null>(null);
  const shownGeneration = useRef(props.load.generation);
  const latest = useRef(props);
  latest.current = props;

  const onMount = (editor: Monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor;
    // Monaco handles the key (and stops it, even when there is nothing to save), so the shell's
    // global shortcut does not save twice and the browser never opens "Save page as…".
    // onSave reads the model's text itself and applies the same enabled check as the Save button.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => latest.current.onSave());
    // Monaco's own Ctrl/Cmd+K chords (Ctrl+K Ctrl+C…) swallowed the key, so the palette never opened from here.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyK, () => latest.current.onPalette());
    props.apiRef.current = {
      reveal(line, column) {
        editor.setPosition({ lineNumber: line, column });
        editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
        editor.focus();
      },
      getText: () => editor.getModel()?.getValue(),
    };
  };

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

  return (
    <div className="editor-monaco" data-testid="record-editor">
      <Editor
        defaultValue={props.load.text}
        defaultLanguage={JSON5_LANGUAGE}
        theme={props.theme === 'dark' ? 'vs-dark' : 'vs'}
        onMount={(editor) => {
          onMount(editor);
          // A load that arrived while Monaco was still loading.
          if (shownGeneration.current !== latest.current.load.generation) {
            shownGeneration.current = latest.current.load.generation;
            replaceText(editor, latest.current.load.text);
          }
          setModel(editor.getModel());
        }}
        onChange={(value) => latest.current.onChange(value ?? '')}
        loading={<div className="editor-loading">Loading editor…</div>}
        options={{
          readOnly: props.readOnly,
          readOnlyMessage: { value: props.readOnlyMessage ?? 'Read-only: turn off read-only mode to edit' },
          minimap: { enabled: false },
          tabSize: 2,
          insertSpaces: true,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          wordBasedSuggestions: 'off',
          quickSuggestions: { other: true, strings: true, comments: false },
          fontSize: 13,
        }}
      />
    </div>
  );
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
