/**
 * Completion, hover and links for JSON5 models. Monaco's providers are global
 * per language, so each editor registers its model's context here (tree,
 * client, follow callback) and the providers look it up by model URI.
 */
import { parse, type DocumentNode } from '@humanwhocodes/momoa';
import type * as Monaco from 'monaco-editor/editor';
import type { JsonKey, Transport, TreeSummary } from '../../../../app/contract/index.js';
import { completionContext, type CompletionContext } from '../text/completion-context.js';
import { referenceSearchText, referenceSuggestions, suggestionsFor, summarise, type Suggestion } from '../schema/completion-items.js';
import { JSON5_LANGUAGE } from './json5-language.js';
import { referenceAt, referenceSpans, referenceTarget, type ReferenceSpan } from '../text/reference-spans.js';
import type { Schema } from '../schema/schema-nav.js';

export interface ModelContext {
  readonly tree: TreeSummary;
  readonly client: Transport;
  readonly follow: (target: string) => void;
}

const contexts = new Map<string, ModelContext>();
const FOLLOW_SCHEME = 'trellis-ref';
/** Records offered for a reference: a list to pick from, the host finds the best first. */
const SEARCH_HITS = 30;
/** Typing pauses this long before the host is asked; a keystroke meanwhile cancels the request. */
const SEARCH_DELAY_MS = 120;

/** Registers the context of a model; the returned function removes it. */
export function attachModel(model: Monaco.editor.ITextModel, context: ModelContext): () => void {
  const id = model.uri.toString();
  contexts.set(id, context);
  return () => {
    if (contexts.get(id) === context) contexts.delete(id);
  };
}

function documentOf(model: Monaco.editor.ITextModel): DocumentNode | undefined {
  try {
    return parse(model.getValue(), { mode: 'json5' });
  } catch {
    return undefined;
  }
}

function spansOf(model: Monaco.editor.ITextModel, tree: TreeSummary): ReferenceSpan[] {
  const document = documentOf(model);
  return document ? referenceSpans(document, tree) : [];
}

let registered = false;

export function registerProviders(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(JSON5_LANGUAGE, {
    // Only quotes: after ',' or ':' an Enter meant as a newline would accept a suggestion.
    triggerCharacters: ['"', "'"],
    provideCompletionItems: async (model, position, _context, token) => {
      const context = contexts.get(model.uri.toString());
      if (!context) return { suggestions: [] };
      const offset = model.getOffsetAt(position);
      const at = completionContext(model.getValue(), offset);
      const range = monaco.Range.fromPositions(model.getPositionAt(at.replaceStart), model.getPositionAt(Math.max(at.replaceEnd, offset)));
      const target = at.position === 'value' ? referenceTarget(context.tree, at.path) : undefined;
      const { items } = suggestionsFor(at, context.tree.value as Schema, target);
      if (!target) return { suggestions: items.map((s) => toItem(monaco, s, range, at)) };
      const found = await searchTarget(context.client, target, at, token);
      // Incomplete: each keystroke asks again, so the host (not the editor) decides what matches.
      return { suggestions: [...items, ...found].map((s) => toItem(monaco, s, range, at)), incomplete: true };
    },
  });
  monaco.languages.registerHoverProvider(JSON5_LANGUAGE, {
    provideHover: async (model, position) => {
      const context = contexts.get(model.uri.toString());
      const span = context && referenceAt(spansOf(model, context.tree), position.lineNumber, position.column);
      if (!context || !span) return null;
      const summary = await targetSummary(context.client, span);
      return {
        range: new monaco.Range(span.line, span.column, span.endLine, span.endColumn),
        // The link itself adds "Follow link (ctrl + click)".
        // A reference over existing fields says which one it is: the field under the mouse is only one of its parts.
        contents: [{ value: `→ ${span.reference ? `${span.reference}: ` : ''}\`${span.target}\`${summary}` }],
      };
    },
  });
  monaco.languages.registerLinkProvider(JSON5_LANGUAGE, {
    provideLinks: (model) => {
      const context = contexts.get(model.uri.toString());
      if (!context) return { links: [] };
      const links = spansOf(model, context.tree).map((span) => ({
        range: new monaco.Range(span.line, span.column, span.endLine, span.endColumn),
        url: monaco.Uri.from({ scheme: FOLLOW_SCHEME, path: '/' + span.target, query: model.uri.toString() }),
        // Monaco writes the tooltip into a markdown link, where a composite key's brackets break it
        // (`[Open states/"AD","03"]` on screen); the hover above names the target already.
        tooltip: 'Open the record',
      }));
      return { links };
    },
  });
  // Ctrl/Cmd+click on a reference link lands here instead of window.open.
  monaco.editor.registerLinkOpener({
    open: (resource) => {
      if (resource.scheme !== FOLLOW_SCHEME) return false;
      contexts.get(resource.query)?.follow(resource.path.slice(1));
      return true;
    },
  });
}

/** Records of the target tree matching what was typed, by label or key; none once the request is stale. */
async function searchTarget(client: Transport, tree: string, at: CompletionContext, token: Monaco.CancellationToken): Promise<Suggestion[]> {
  await new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS));
  if (token.isCancellationRequested) return [];
  try {
    const { hits } = await client.call('records.search', { tree, text: referenceSearchText(at), limit: SEARCH_HITS });
    return token.isCancellationRequested ? [] : referenceSuggestions(hits, at);
  } catch {
    // No suggestions is the honest answer when the host cannot search.
    return [];
  }
}

async function targetSummary(client: Transport, span: ReferenceSpan): Promise<string> {
  try {
    const key = JSON.parse(span.target.slice(span.tree.length + 1)) as JsonKey;
    const { entry } = await client.call('records.get', { tree: span.tree, key });
    if (!entry) return ' — missing';
    const summary = summarise(entry.value);
    return summary ? ` — ${summary}` : '';
  } catch {
    return '';
  }
}

function toItem(monaco: typeof Monaco, s: Suggestion, range: Monaco.IRange, at: CompletionContext): Monaco.languages.CompletionItem {
  const kinds = monaco.languages.CompletionItemKind;
  const kind = s.kind === 'field' ? kinds.Field : s.kind === 'reference' ? kinds.Reference : kinds.Value;
  // Inside quotes Monaco filters by the range's text, which starts with the quote.
  const filterText = s.filterText ?? (at.quote ? `${at.quote}${s.label.replace(/^["']|["']$/g, '')}` : s.label);
  return { label: { label: s.label, description: s.detail }, insertText: s.insertText, detail: s.detail, kind, range, sortText: s.sortText, filterText };
}
