/**
 * One Monaco editor for the whole window, made once and moved into whichever
 * record panel is on screen: making an editor costs more than a frame budget
 * on a modest machine, and a panel per record used to make one per click
 * (the record's text came ~490 ms after a reference click). Each record gets a
 * model of its own (its own undo history); the editor swaps models. It is also
 * made ahead, in a parked element, once the first screen is up (`warmEditor`).
 */
import type * as Monaco from 'monaco-editor/editor';
import { JSON5_LANGUAGE } from './json5-language.js';
import type { Monaco as MonacoApi } from './monaco-setup.js';

export interface SharedEditor {
  readonly editor: Monaco.editor.IStandaloneCodeEditor;
  /** The element the editor draws in: a pane moves it into its own place, and parks it again when done. */
  readonly element: HTMLElement;
  /** What Ctrl/Cmd+S does: the pane on screen saves its record. */
  onSave: (() => void) | undefined;
  /** What Ctrl/Cmd+K does: the command palette (Monaco's own Ctrl+K chords swallowed the key, so it never opened from here). */
  onPalette: (() => void) | undefined;
}

const BASE_OPTIONS: Monaco.editor.IStandaloneEditorConstructionOptions = {
  language: JSON5_LANGUAGE,
  minimap: { enabled: false },
  tabSize: 2,
  insertSpaces: true,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  fixedOverflowWidgets: true,
  wordBasedSuggestions: 'off',
  quickSuggestions: { other: true, strings: true, comments: false },
  fontSize: 13,
};

let shared: SharedEditor | undefined;
let parking: HTMLElement | undefined;

/** Where the editor waits between panels: in the document (Monaco measures fonts there), out of sight. */
function parkingLot(): HTMLElement {
  if (parking) return parking;
  parking = document.createElement('div');
  parking.setAttribute('aria-hidden', 'true');
  parking.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;height:400px;overflow:hidden;visibility:hidden';
  document.body.appendChild(parking);
  return parking;
}

export function sharedEditor(monaco: MonacoApi): SharedEditor {
  if (shared) return shared;
  const element = document.createElement('div');
  element.className = 'editor-surface';
  parkingLot().appendChild(element);
  const editor = monaco.editor.create(element, { ...BASE_OPTIONS, model: null });
  const made: SharedEditor = { editor, element, onSave: undefined, onPalette: undefined };
  // Monaco handles the key (and stops it, even when there is nothing to save), so the shell's
  // global shortcut does not save twice and the browser never opens "Save page as…".
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => made.onSave?.());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyK, () => made.onPalette?.());
  shared = made;
  return made;
}

/** Moves the editor into `place` (a pane's element). */
export function attachEditor(monaco: MonacoApi, place: HTMLElement): SharedEditor {
  const editor = sharedEditor(monaco);
  if (editor.element.parentElement !== place) place.appendChild(editor.element);
  editor.editor.layout();
  return editor;
}

/** Parks the editor again, without a model, if it is still in `place`. */
export function detachEditor(place: HTMLElement): void {
  if (!shared || shared.element.parentElement !== place) return;
  shared.onSave = undefined;
  shared.onPalette = undefined;
  shared.editor.setModel(null);
  parkingLot().appendChild(shared.element);
}

/** A record's text as far as warming is concerned: every kind of token the JSON5 grammar has. */
const WARM_TEXT = '{\n  // warm\n  name: "a", count: 1, ok: true, none: null,\n  list: [1.5, -2e3], nested: { key: \'v\' },\n}\n';

/**
 * Makes the editor ahead of the first record (an idle moment after start-up), and draws
 * one throwaway JSON5 text in it: the first model of a language compiles its grammar and
 * the first drawn text builds the view's lines, ~100 ms here that otherwise fell in the
 * frame of the first record's click.
 */
export function warmEditor(monaco: MonacoApi): void {
  const { editor } = sharedEditor(monaco);
  if (editor.getModel()) return; // a record is already on screen: nothing left to warm
  const model = monaco.editor.createModel(WARM_TEXT, JSON5_LANGUAGE);
  editor.setModel(model);
  editor.render(true);
  editor.setModel(null);
  model.dispose();
}
