/**
 * The result type of a path across records, read from the declarations at
 * compile time: `db.tasks.path(key, 'project->owner->email')` is a `string`, a
 * fan-out (`*`, a reverse step) a list, and a misspelled step does not compile
 * (the argument's expected type then says which step and why). The same grammar
 * as ../common/path-syntax.ts; its run-time check stays the authority.
 */
import type { TreeDeclaration, ValueOf } from '../schema/tree.js';

type TreeNamed<All, N> = Extract<All, { readonly name: N }>;
/** The value type of the record of tree `N`. */
type RecordOf<All, N> = TreeNamed<All, N> extends infer D extends TreeDeclaration ? ValueOf<D> : never;

/** Where a path stands: its value type, the tree whose record it is in, and whether it fanned out. */
interface At {
  readonly value: unknown;
  readonly many: boolean;
  /** The record's tree when the path stands at a whole record (its value), else never. */
  readonly record: string;
}

/** A step that does not fit: the text a wrong path is shown against. */
type Fail<Message extends string> = { readonly fail: Message };

/** A field name the declarations have (through a nullable or optional value: a null met there is a run-time BAD_PATH). */
type FieldOf<V, Name extends string, Shown extends string> = NonNullable<V> extends readonly unknown[]
  ? Fail<`'${Shown}' is a list: take one element (->0) or each (->*) first`>
  : Name extends keyof NonNullable<V>
    ? NonNullable<V>[Name]
    : Fail<`no field '${Name}' here`>;

type ReferencedTree<V> = Exclude<V, null | undefined> extends { readonly '~tree': infer N extends string } ? N : never;

/** A name after '->': from a reference, the target record's field; from an object, its field. */
type NameStep<All, S extends At, Name extends string, Arrow extends boolean> = [ReferencedTree<S['value']>] extends [never]
  ? InRecord<All, S['record'], S['value'], Name, S['many']>
  : Arrow extends true
    ? InRecord<All, ReferencedTree<S['value']>, RecordOf<All, ReferencedTree<S['value']>>, Name, S['many']>
    : Fail<`'${Name}' is read through a reference: follow it with '->'`>;

type TargetName<T> = T extends string ? T : T extends { readonly name: infer N extends string } ? N : never;
type FieldReferences<All, Tree> = TreeNamed<All, Tree> extends { readonly references?: infer F } ? NonNullable<F> : never;
type TargetOf<R> = R extends { readonly target: infer T } ? TargetName<T> : never;

/** A name in a record (of `Tree`) is a field of its value or one of its references over fields (then the target record). */
type InRecord<All, Tree, V, Name extends string, Many extends boolean> = [Tree] extends [never]
  ? Found<FieldOf<V, Name, Name>, Many>
  : Name extends keyof NonNullable<V>
    ? Found<FieldOf<V, Name, Name>, Many>
    : Name extends keyof FieldReferences<All, Tree>
      ? { readonly value: RecordOf<All, TargetOf<FieldReferences<All, Tree>[Name]>>; readonly many: Many; readonly record: TargetOf<FieldReferences<All, Tree>[Name]> }
      : Fail<`${Tree & string} has no field '${Name}'`>;

type Found<F, Many extends boolean> = [F] extends [Fail<string>] ? F : { readonly value: F; readonly many: Many; readonly record: never };

type Element<V> = NonNullable<V> extends readonly (infer E)[] ? E : never;
type Digits = `${number}`;

type IndexStep<S extends At, Many extends boolean> = [Element<S['value']>] extends [never]
  ? Fail<'an index or * needs a list'>
  : { readonly value: Element<S['value']>; readonly many: Many extends true ? true : S['many']; readonly record: never };

/** `name`, `name[0]`, `name[*][1]`: a name, then bracket steps. */
type Brackets<S extends At | Fail<string>, Rest extends string> = S extends Fail<string>
  ? S
  : S extends At
    ? Rest extends `[*]${infer More}`
      ? Brackets<IndexStep<S, true>, More>
      : Rest extends `[${Digits}]${infer More}`
        ? Brackets<IndexStep<S, false>, More>
        : Rest extends ''
          ? S
          : Fail<`cannot read '${Rest}'`>
    : never;

type NameWithBrackets<All, S extends At, Text extends string, Arrow extends boolean> = Text extends `${infer Name}[${infer Rest}`
  ? Brackets<NameStep<All, S, Name, Arrow>, `[${Rest}`>
  : NameStep<All, S, Text, Arrow>;

/** Dotted names: the first joined by '->' (or the start), the rest by '.'. */
type Dotted<All, S extends At | Fail<string>, Text extends string, Arrow extends boolean> = S extends Fail<string>
  ? S
  : S extends At
    ? Text extends `${infer First}.${infer Rest}`
      ? Dotted<All, NameWithBrackets<All, S, Trim<First>, Arrow>, Trim<Rest>, false>
      : NameWithBrackets<All, S, Text, Arrow>
    : never;

/** `tasks.owner`, `tasks.owner[0]`: the holders' records (one with an index, else a fan-out). */
type Reverse<All, S extends At | Fail<string>, Text extends string> = S extends Fail<string>
  ? S
  : Text extends `${infer Tree}.${infer Rest}`
    ? [TreeNamed<All, Tree>] extends [never]
      ? Fail<`no tree '${Tree}'`>
      : Rest extends `${string}[${Digits}]`
        ? { readonly value: RecordOf<All, Tree>; readonly many: S extends At ? S['many'] : false; readonly record: Tree }
        : { readonly value: RecordOf<All, Tree>; readonly many: true; readonly record: Tree }
    : Fail<`'<-${Text}' names a tree and its reference (<-tasks.owner)`>;

/** One chunk between '->': a number, '*', or names; then reverse steps joined by '<-'. */
type Chunk<All, S extends At | Fail<string>, Text extends string, Arrow extends boolean> = S extends Fail<string>
  ? S
  : S extends At
    ? Text extends `${infer Head}<-${infer Back}`
      ? Reverses<All, Head extends '' ? S : Chunk<All, S, Head, Arrow>, Back>
      : Text extends '*'
        ? IndexStep<S, true>
        : Text extends Digits
          ? IndexStep<S, false>
          : Dotted<All, S, Text, Arrow>
    : never;

type Reverses<All, S extends At | Fail<string>, Text extends string> = Text extends `${infer One}<-${infer More}` ? Reverses<All, Reverse<All, S, One>, More> : Reverse<All, S, Text>;

/** Spaces around steps are allowed, as the run-time grammar allows them. */
type Trim<T extends string> = T extends ` ${infer R}` ? Trim<R> : T extends `${infer L} ` ? Trim<L> : T;

type Walk<All, S extends At | Fail<string>, Text extends string, Arrow extends boolean> = Text extends `${infer Head}->${infer Rest}`
  ? Walk<All, Chunk<All, S, Trim<Head>, Arrow>, Rest, true>
  : Chunk<All, S, Trim<Text>, Arrow>;

/** Where a path from a record of `D` ends, or why it does not fit. */
export type PathEnd<All, D extends TreeDeclaration, P extends string> = Walk<All, { readonly value: ValueOf<D>; readonly many: false; readonly record: D['name'] }, P, false>;

/** The path itself when it fits the declarations; otherwise the reason, so the argument fails to compile with it. */
export type CheckedPath<All, D extends TreeDeclaration, P extends string> = PathEnd<All, D, P> extends Fail<infer Message> ? `✗ ${Message}` : P;

/** What `path()` returns: the value at the end, or a list of them for a fan-out (`| undefined` where lenient). */
export type PathValue<All, D extends TreeDeclaration, P extends string, Lenient extends boolean = false> =
  PathEnd<All, D, P> extends infer E extends At
    ? E['many'] extends true
      ? (Lenient extends true ? E['value'] | undefined : E['value'])[]
      : Lenient extends true
        ? E['value'] | undefined
        : E['value']
    : never;
