/**
 * The text of a path across records (`project->owner->email`), read into steps.
 * The grammar, as the engine's README gives it:
 *
 *   path     := first ( '->' step | '.' name | '[' index ']' | '[*]' | reverse )*
 *   first    := name | reverse
 *   step     := name | index | '*'
 *   reverse  := '<-' tree '.' referencePath        (`<-tasks.owner`, `<-teams.members[]`)
 *   name     := identifier | JSON string           (`email`, `"e-mail"`)
 *   index    := integer, negative from the end     (`0`, `-1`)
 *
 * Only the text's shape is checked here; whether a step fits the schema is
 * ./path-plan.ts's question. Runs in every runtime: the browser's path bar reads
 * paths with it too.
 */

/** How a step was joined to the one before it: it decides what a name means (./path-plan.ts). */
export type PathJoin = 'start' | '->' | '.' | '[]';

export type PathToken =
  | { readonly kind: 'name'; readonly name: string; readonly join: PathJoin; readonly at: number; readonly text: string }
  | { readonly kind: 'index'; readonly index: number; readonly join: PathJoin; readonly at: number; readonly text: string }
  | { readonly kind: 'each'; readonly join: PathJoin; readonly at: number; readonly text: string }
  | { readonly kind: 'reverse'; readonly tree: string; readonly path: string; readonly join: PathJoin; readonly at: number; readonly text: string };

/** Where the text stopped making sense: the character offset and why. */
export interface PathSyntaxProblem {
  readonly at: number;
  readonly reason: string;
}

export type PathSyntax = { readonly ok: true; readonly tokens: readonly PathToken[] } | { readonly ok: false; readonly problem: PathSyntaxProblem };

/** Longer paths are refused: no schema nests references this deep, and a bound keeps a hostile path cheap. */
export const MAX_PATH_STEPS = 64;
export const MAX_PATH_CHARS = 2048;

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const INTEGER = /-?(0|[1-9][0-9]*)/y;
const WHITESPACE = /\s*/y;

export function parsePath(text: string): PathSyntax {
  try {
    return { ok: true, tokens: new Reader(text).path() };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, problem: { at: error.at, reason: error.message } };
    throw error;
  }
}

class SyntaxProblem extends Error {
  constructor(
    readonly at: number,
    reason: string,
  ) {
    super(reason);
  }
}

class Reader {
  private at = 0;
  private readonly tokens: PathToken[] = [];

  constructor(private readonly text: string) {}

  path(): PathToken[] {
    if (this.text.length > MAX_PATH_CHARS) throw new SyntaxProblem(MAX_PATH_CHARS, `a path has at most ${MAX_PATH_CHARS} characters`);
    this.space();
    if (this.done()) throw new SyntaxProblem(0, 'the path is empty: start with a field name (e.g. owner) or a reverse step (e.g. <-tasks.owner)');
    if (this.peek('<-')) this.reverse('start');
    else this.name('start');
    for (this.space(); !this.done(); this.space()) {
      if (this.tokens.length >= MAX_PATH_STEPS) throw new SyntaxProblem(this.at, `a path has at most ${MAX_PATH_STEPS} steps`);
      if (this.peek('->')) this.arrowStep();
      else if (this.peek('<-')) this.reverse('->');
      else if (this.peek('.')) {
        this.at += 1;
        this.space();
        this.name('.');
      } else if (this.peek('[')) this.bracket();
      else throw new SyntaxProblem(this.at, `expected '->', '.', '[' or '<-' here, found ${JSON.stringify(this.text.slice(this.at, this.at + 8))}`);
    }
    return this.tokens;
  }

  private arrowStep(): void {
    this.at += 2;
    this.space();
    if (this.done()) throw new SyntaxProblem(this.at, "'->' must be followed by a field name, an index or '*'");
    if (this.peek('*')) return this.each('->', this.at, 1);
    if (this.peek('<-')) return this.reverse('->');
    INTEGER.lastIndex = this.at;
    const integer = INTEGER.exec(this.text);
    if (integer && !/[A-Za-z_$]/.test(this.text[this.at + integer[0].length] ?? '')) return this.index('->', this.at, integer[0], integer[0].length);
    this.name('->');
  }

  private bracket(): void {
    const start = this.at;
    this.at += 1;
    this.space();
    if (this.peek('*')) {
      this.at += 1;
      this.space();
      this.expect(']', "'[*]' is closed by ']'");
      return this.push({ kind: 'each', join: '[]', at: start, text: this.text.slice(start, this.at) });
    }
    INTEGER.lastIndex = this.at;
    const integer = INTEGER.exec(this.text);
    if (!integer) throw new SyntaxProblem(this.at, "'[' is followed by a whole number (negative counts from the end) or '*'");
    this.at += integer[0].length;
    this.space();
    this.expect(']', `'[${integer[0]}' is closed by ']'`);
    this.push({ kind: 'index', index: this.integerValue(integer[0], start), join: '[]', at: start, text: this.text.slice(start, this.at) });
  }

  private index(join: PathJoin, start: number, digits: string, length: number): void {
    this.at += length;
    this.push({ kind: 'index', index: this.integerValue(digits, start), join, at: start, text: digits });
  }

  private each(join: PathJoin, start: number, length: number): void {
    this.at += length;
    this.push({ kind: 'each', join, at: start, text: '*' });
  }

  private integerValue(digits: string, at: number): number {
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) throw new SyntaxProblem(at, `${digits} is not an index a list can have`);
    return value;
  }

  /** `<-tree.reference.path[]`: up to the next '->', '<-', '[' with something inside, or the end. */
  private reverse(join: PathJoin): void {
    const start = this.at;
    this.at += 2;
    this.space();
    const tree = this.identifierOrString("'<-' is followed by the name of the tree that refers here, then '.' and its reference (e.g. <-tasks.owner)");
    this.space();
    this.expect('.', `'<-${tree}' is followed by '.' and the reference of ${tree} that refers here (e.g. <-${tree}.owner)`);
    const parts = [this.identifierOrString(`'<-${tree}.' is followed by the reference's field (e.g. <-${tree}.owner)`)];
    for (;;) {
      if (this.peek('[]')) {
        this.at += 2;
        parts[parts.length - 1] += '[]';
      }
      if (!this.peek('.')) break;
      this.at += 1;
      parts.push(this.identifierOrString(`'.' in a reverse step is followed by a field name`));
    }
    this.push({ kind: 'reverse', tree, path: parts.join('.'), join, at: start, text: this.text.slice(start, this.at) });
  }

  private name(join: PathJoin): void {
    const start = this.at;
    const name = this.identifierOrString(
      join === 'start' ? 'a path starts with a field name (e.g. owner) or a reverse step (e.g. <-tasks.owner)' : `'${join}' must be followed by a field name`,
    );
    this.push({ kind: 'name', name, join, at: start, text: this.text.slice(start, this.at) });
  }

  private identifierOrString(expected: string): string {
    if (this.peek('"')) return this.quoted();
    IDENTIFIER.lastIndex = this.at;
    const match = IDENTIFIER.exec(this.text);
    if (!match) throw new SyntaxProblem(this.at, expected);
    this.at += match[0].length;
    return match[0];
  }

  /** A name in JSON string form, for field names an identifier cannot spell (`"e-mail"`, `"2fa"`). */
  private quoted(): string {
    const start = this.at;
    let end = start + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1;
    if (end >= this.text.length) throw new SyntaxProblem(start, 'a quoted name is closed by "');
    try {
      const name = JSON.parse(this.text.slice(start, end + 1)) as string;
      this.at = end + 1;
      if (name === '') throw new SyntaxProblem(start, 'a quoted name is not empty');
      return name;
    } catch (error) {
      if (error instanceof SyntaxProblem) throw error;
      throw new SyntaxProblem(start, 'a quoted name is a JSON string (escapes as in JSON)');
    }
  }

  private push(token: PathToken): void {
    this.tokens.push(token);
  }

  private expect(literal: string, reason: string): void {
    if (!this.peek(literal)) throw new SyntaxProblem(this.at, reason);
    this.at += literal.length;
  }

  private peek(literal: string): boolean {
    return this.text.startsWith(literal, this.at);
  }

  private space(): void {
    WHITESPACE.lastIndex = this.at;
    this.at += WHITESPACE.exec(this.text)?.[0].length ?? 0;
  }

  private done(): boolean {
    return this.at >= this.text.length;
  }
}
