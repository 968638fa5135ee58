/**
 * A read-only side-by-side diff. Made directly with Monaco rather than
 * @monaco-editor/react's DiffEditor, which disposes its models before the
 * widget on unmount ("TextModel got disposed before DiffEditorWidget model
 * got reset"): here the widget goes first, then its models.
 */
import { useEffect, useRef, type JSX } from 'react';
import { JSON5_LANGUAGE } from './json5-language.js';
import { setupMonaco } from './monaco-setup.js';

const monaco = setupMonaco();

export interface DiffPaneProps {
  readonly original: string;
  readonly modified: string;
  readonly theme: 'light' | 'dark';
}

export function DiffPane({ original, modified, theme }: DiffPaneProps): JSX.Element {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      // Always two columns (the headers above name them), even in a narrow panel where Monaco would go inline.
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      // Fixed halves, so the column headers stay over their panes.
      enableSplitViewResizing: false,
      renderOverviewRuler: false,
      minimap: { enabled: false },
      // Half a record panel is ~260 px: long lines wrap, so the changed text is seen, not cut off at the pane's edge.
      wordWrap: 'on',
      diffWordWrap: 'on',
      lineNumbersMinChars: 3,
      folding: false,
      automaticLayout: true,
      scrollBeyondLastLine: false,
    });
    const models = { original: monaco.editor.createModel(original, JSON5_LANGUAGE), modified: monaco.editor.createModel(modified, JSON5_LANGUAGE) };
    editor.setModel(models);
    return () => {
      editor.dispose();
      models.original.dispose();
      models.modified.dispose();
    };
  }, [original, modified]);
  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'), [theme]);
  return <div className="conflict-panes" ref={host} />;
}
