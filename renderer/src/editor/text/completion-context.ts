/**
 * Where the cursor is in a value that is being typed (so usually not valid
 * JSON5): a small tolerant scanner tracks the open objects and lists up to the
 * cursor, which gives the value path, whether a field name or a value is
 * expected, and what has been typed of it. Pure, so it is unit-tested.
 */
import type { PathSegment } from './ast-paths.js';

export interface CompletionContext {
  /** Path of the place being typed: the object for a key, the field or element for a value. */
  readonly path: readonly PathSegment[];
  /** 'none' right after a complete key or value, where only punctuation fits. */
  readonly position: 'key' | 'value' | 'none';
  /** Text typed so far (inside the quotes when `quote` is set). */
  readonly prefix: string;
  /** The quote that opened the string being typed, if any. */
  readonly quote: '"' | "'" | undefined;
  /** Offsets of the text a suggestion replaces (the opening quote and, if present, the closing one). */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** Field names already in the object (for a key), so they are not offered again. */
  readonly existingKeys: readonly string[];
}

type Frame =
  | { kind: 'object'; state: 'key' | 'colon' | 'value' | 'after'; key: string | undefined; keys: string[] }
  | { kind: 'array'; state: 'value' | 'after'; index: number };

interface Token {
  readonly type: 'string' | 'word' | 'punct';
  readonly start: number;
  readonly end: number;
  /** Decoded-ish text: a string's content without quotes, or the raw word/punctuation. */
  readonly text: string;
  readonly closed: boolean;
}

const WORD = /[A-Za-z0-9_$+\-.]/;

function* tokens(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === '/' && text[i + 1] === '/') i = (text.indexOf('\n', i) + 1 || text.length + 1) - 1;
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let content = '';
      while (j < text.length && text[j] !== c && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < text.length) {
          content += text[j + 1];
          j += 2;
        } else content += text[j++];
      }
      const closed = text[j] === c;
      yield { type: 'string', start: i, end: closed ? j + 1 : j, text: content, closed };
      i = closed ? j + 1 : j;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < text.length && WORD.test(text[j] as string)) j++;
      yield { type: 'word', start: i, end: j, text: text.slice(i, j), closed: true };
      i = j;
    } else {
      yield { type: 'punct', start: i, end: i + 1, text: c, closed: true };
      i++;
    }
  }
}

function pathOf(stack: readonly Frame[]): PathSegment[] {
  const path: PathSegment[] = [];
  for (const frame of stack) {
    if (frame.kind === 'array') path.push(frame.index);
    else if (frame.state === 'value' && frame.key !== undefined) path.push(frame.key);
  }
  return path;
}

/** Applies one token to the stack of open containers. */
function step(stack: Frame[], token: Token): void {
  const top = stack[stack.length - 1];
  const p = token.type === 'punct' ? token.text : '';
  if (p === '{' || p === '[') {
    stack.push(p === '{' ? { kind: 'object', state: 'key', key: undefined, keys: [] } : { kind: 'array', state: 'value', index: 0 });
    return;
  }
  if (!top) return;
  if (p === '}' || p === ']') {
    stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.state = 'after';
  } else if (p === ',') {
    if (top.kind === 'array') {
      top.index++;
      top.state = 'value';
    } else {
      top.state = 'key';
      top.key = undefined;
    }
  } else if (p === ':') {
    if (top.kind === 'object') top.state = 'value';
  } else if (top.kind === 'object' && top.state === 'key') {
    top.key = token.text;
    top.keys.push(token.text);
    top.state = 'colon';
  } else {
    top.state = 'after';
  }
}

function positionOf(top: Frame | undefined): CompletionContext['position'] {
  if (!top) return 'value';
  if (top.kind === 'object') return top.state === 'key' ? 'key' : top.state === 'value' ? 'value' : 'none';
  return top.state === 'value' ? 'value' : 'none';
}

/** The completion context at `offset` in `text`. */
export function completionContext(text: string, offset: number): CompletionContext {
  const stack: Frame[] = [];
  let typing: Token | undefined;
  let snapshot: { path: PathSegment[]; position: CompletionContext['position'] } | undefined;
  let depthAtCursor = 0;
  let keysAfter: string[] = [];
  for (const token of tokens(text)) {
    if (!snapshot) {
      // The token the cursor is in (or right after) is what is being typed.
      const inside = token.start < offset && (offset < token.end || (offset === token.end && (token.type === 'word' || !token.closed)));
      if (token.start >= offset || inside) {
        if (inside && token.type !== 'punct') typing = token;
        const top = stack[stack.length - 1];
        snapshot = { path: pathOf(stack), position: positionOf(top) };
        depthAtCursor = stack.length;
        if (top?.kind === 'object') keysAfter = top.keys;
      }
    }
    step(stack, token);
    if (snapshot && stack.length < depthAtCursor) break;
  }
  if (!snapshot) {
    const top = stack[stack.length - 1];
    snapshot = { path: pathOf(stack), position: positionOf(top) };
    if (top?.kind === 'object') keysAfter = top.keys;
  }
  const quote = typing?.type === 'string' ? (text[typing.start] as '"' | "'") : undefined;
  const prefix = typing ? (quote ? text.slice(typing.start + 1, offset) : text.slice(typing.start, offset)) : '';
  const replaceStart = typing ? typing.start : offset;
  const replaceEnd = quote && typing?.closed ? typing.end : offset;
  // The key being typed is in the list too; it is not "already there".
  const existingKeys = keysAfter.filter((k) => k !== typing?.text);
  return { path: snapshot.path, position: snapshot.position, prefix, quote, replaceStart, replaceEnd, existingKeys };
}
