/**
 * The record's text form. Values are written as JSON5 by our own writer (so the
 * layout is ours: identifier keys unquoted, double-quoted strings, short lists
 * of scalars on one line) and read back with momoa, whose AST carries the
 * line/column positions the markers need. Pure: no Monaco, no DOM.
 */
import { evaluate, parse, type DocumentNode } from '@humanwhocodes/momoa';
import type { JsonValue } from '../../values/value-type.js';
import { explainSyntaxError } from './syntax-message.js';

export type { JsonValue };

/** A place in the text, 1-based like Monaco and momoa; the end is exclusive. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface TextProblem extends Span {
  readonly message: string;
}

export type ParseOutcome =
  | { readonly ok: true; readonly document: DocumentNode; readonly value: JsonValue }
  | { readonly ok: false; readonly problem: TextProblem };

/** Comment to print after the value at a JSON Pointer (used by the create template). */
export type Annotate = (pointer: string) => string | undefined;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Lists of scalars up to this width stay on one line: composite keys like [3, "bug"] read as one thing. */
const INLINE_WIDTH = 60;

export function formatKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

export function toJson5(value: unknown, annotate?: Annotate): string {
  return write(value, '', '', annotate);
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function write(value: unknown, indent: string, pointer: string, annotate: Annotate | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return writeNumber(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return writeArray(value, indent, pointer, annotate);
  if (typeof value === 'object') return writeObject(value as Record<string, unknown>, indent, pointer, annotate);
  return quote(String(value));
}

function writeNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  // String(n) is the shortest text that reads back to the same double.
  return Number.isFinite(n) ? String(n) : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

function quote(s: string): string {
  // JSON.stringify escapes quotes, controls and lone surrogates; U+2028/9 are
  // legal in JSON5 strings but invisible and line-breaking in an editor.
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function writeArray(items: readonly unknown[], indent: string, pointer: string, annotate: Annotate | undefined): string {
  if (items.length === 0) return '[]';
  const inner = indent + '  ';
  const noComments = !annotate || items.every((_, i) => annotate(`${pointer}/${i}`) === undefined);
  if (items.every(isScalar) && noComments) {
    const flat = `[${items.map((item) => write(item, inner, '', undefined)).join(', ')}]`;
    if (flat.length <= INLINE_WIDTH) return flat;
  }
  const lines = items.map((item, i) => {
    const at = `${pointer}/${i}`;
    return `${inner}${write(item, inner, at, annotate)}${i < items.length - 1 ? ',' : ''}${comment(annotate, at)}`;
  });
  return `[\n${lines.join('\n')}\n${indent}]`;
}

function writeObject(object: Record<string, unknown>, indent: string, pointer: string, annotate: Annotate | undefined): string {
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const inner = indent + '  ';
  const lines = entries.map(([key, v], i) => {
    const at = `${pointer}/${escapePointer(key)}`;
    return `${inner}${formatKey(key)}: ${write(v, inner, at, annotate)}${i < entries.length - 1 ? ',' : ''}${comment(annotate, at)}`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function comment(annotate: Annotate | undefined, pointer: string): string {
  const text = annotate?.(pointer);
  return text === undefined ? '' : ` // ${text.replace(/\s*\n\s*/g, ' ')}`;
}

/** Parses JSON5 text into momoa's AST and the value it denotes. */
export function parseJson5(text: string): ParseOutcome {
  let document: DocumentNode;
  try {
    document = parse(text, { mode: 'json5' });
  } catch (error) {
    return { ok: false, problem: syntaxProblem(error, text) };
  }
  try {
    return { ok: true, document, value: evaluate(document.body) as JsonValue };
  } catch (error) {
    // momoa's evaluate recurses: text nested thousands deep parses, then overflows here.
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, problem: { line: 1, column: 1, endLine: 1, endColumn: 2, message: 'nested too deeply to read; the host stores at most 200 levels' } };
  }
}

interface MomoaError {
  readonly line: number;
  readonly column: number;
  /** 0-based position in the text. */
  readonly offset: number;
  readonly message: string;
}

function isMomoaError(error: unknown): error is MomoaError {
  return typeof error === 'object' && error !== null && typeof (error as MomoaError).line === 'number' && typeof (error as MomoaError).column === 'number' && typeof (error as MomoaError).offset === 'number';
}

function syntaxProblem(error: unknown, text: string): TextProblem {
  const raw = error instanceof Error ? error.message : String(error);
  // momoa appends "(line:column)"; the marker already shows where.
  const message = raw.replace(/\s*\(\d+:\d+\)\s*$/, '');
  if (isMomoaError(error)) {
    return { line: error.line, column: error.column, endLine: error.line, endColumn: error.column + 1, message: explainSyntaxError(raw, text, error.offset) };
  }
  const lines = text.split('\n');
  return { line: lines.length, column: 1, endLine: lines.length, endColumn: 2, message };
}
