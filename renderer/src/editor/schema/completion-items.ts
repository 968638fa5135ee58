/**
 * What to offer at a completion context, from the stored schema: field names
 * in key position; in value position what the place's value type offers
 * (enum members, literals, booleans, now, null); for a reference, the target tree's records that match what was
 * typed, by label or key (records.search, asked by the Monaco adapter because it needs the host). Pure.
 */
import type { CompletionContext } from '../text/completion-context.js';
import { formatKey, toJson5 } from '../text/json5-text.js';
import { valueTypeFor } from '../../values/registry.js';
import { branches, describeSchema, fieldsAt, schemasAt, type Schema } from './schema-nav.js';

export interface Suggestion {
  readonly label: string;
  readonly insertText: string;
  readonly detail: string;
  readonly kind: 'field' | 'value' | 'reference';
  /** Lower sorts first: required fields before optional ones. */
  readonly sortText: string;
  /** What the editor filters by, when not the label (a record found by its label inserts its key). */
  readonly filterText?: string;
}

export interface Suggestions {
  readonly items: readonly Suggestion[];
  /** Set when the place is a reference: list keys of this tree. */
  readonly referenceTree: string | undefined;
}

export function suggestionsFor(context: CompletionContext, schema: Schema, referenceTree: string | undefined): Suggestions {
  if (context.position === 'key') return { items: fieldSuggestions(context, schema), referenceTree: undefined };
  if (context.position === 'none') return { items: [], referenceTree: undefined };
  const items: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (value: unknown, detail: string) => {
    const text = toJson5(value);
    if (seen.has(text) || (context.quote && typeof value !== 'string')) return;
    seen.add(text);
    items.push({ label: text, insertText: text, detail, kind: 'value', sortText: `1${items.length.toString().padStart(4, '0')}` });
  };
  const now = new Date();
  for (const s of schemasAt(schema, context.path).flatMap(branches)) {
    for (const { value, detail } of valueTypeFor(s).suggestions(s, now)) add(value, detail);
  }
  return { items, referenceTree };
}

function fieldSuggestions(context: CompletionContext, schema: Schema): Suggestion[] {
  const existing = new Set(context.existingKeys);
  return fieldsAt(schema, context.path)
    .filter((f) => !existing.has(f.name))
    .map((f) => ({
      label: f.name,
      // Inside quotes the user chose quoting; otherwise our writer's form.
      insertText: context.quote ? `${JSON.stringify(f.name)}: ` : `${formatKey(f.name)}: `,
      detail: `${f.required ? 'required' : 'optional'} · ${describeSchema(f.schema)}`,
      kind: 'field' as const,
      sortText: `${f.required ? 0 : 1}${f.name}`,
    }));
}

/** What to search the reference's target tree for: the text typed so far, quoted or not. */
export function referenceSearchText(context: CompletionContext): string {
  return context.prefix.trim();
}

/** A record records.search found, as the hit comes from the host. */
export interface SearchHit {
  readonly key: unknown;
  readonly text: string;
  readonly label?: string;
}

/**
 * Records found for a reference, in the host's order (best match first): shown by label with the
 * key beside it, inserting the key (a composite key as its whole list). They are filtered by what
 * was typed followed by the label, so the editor keeps every one the host matched.
 */
export function referenceSuggestions(hits: readonly SearchHit[], context: CompletionContext): Suggestion[] {
  const typed = `${context.quote ?? ''}${context.prefix}`;
  return hits.map((hit, i) => {
    const key = toJson5(hit.key);
    return {
      label: hit.label ?? key,
      insertText: key,
      detail: hit.text,
      kind: 'reference' as const,
      sortText: `2${String(i).padStart(4, '0')}`,
      filterText: `${typed} ${hit.label ?? ''} ${key}`,
    };
  });
}

/** A one-line summary of a record for a suggestion: its first name-like text field. */
export function summarise(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  const record = value as Record<string, unknown>;
  for (const field of ['name', 'title', 'label', 'email']) {
    if (typeof record[field] === 'string') return record[field];
  }
  const first = Object.values(record).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first.slice(0, 60) : '';
}
