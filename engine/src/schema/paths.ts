import type { Key } from './key-brand.js';

/**
 * Dotted field paths of a value type, for index declarations. Depth is bounded
 * so recursive types stay cheap to check.
 */
type Prev = [never, 0, 1, 2, 3];

type Indexable = string | number | boolean | Date | null | Key<string>;
type CompositeRef = Key<string, readonly unknown[]>;

export type IndexablePath<T, D extends number = 4> = [D] extends [never]
  ? never
  : T extends object
    ? {
        // A reference to a composite key is a list of parts, which an index would take for a list of values.
        [K in keyof T & string]-?: NonNullable<T[K]> extends CompositeRef | readonly CompositeRef[]
          ? never
          : NonNullable<T[K]> extends Indexable | readonly Indexable[]
          ? K
          : NonNullable<T[K]> extends readonly unknown[] | Uint8Array // lists of objects, and bytes, are not indexable
            ? never
            : NonNullable<T[K]> extends object
              ? `${K}.${IndexablePath<NonNullable<T[K]>, Prev[D]>}`
              : never;
      }[keyof T & string]
    : never;

export type PathValue<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? PathValue<NonNullable<T[H]>, R> | Extract<T[H], null | undefined>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/** Fields holding a reference (or a list of them) to a tree with one-part keys. */
type ReferenceField<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends CompositeRef | readonly CompositeRef[] ? never : NonNullable<T[K]> extends Key<string> | readonly Key<string>[] ? K : never;
}[keyof T & string];

/**
 * An index on a path across one reference: `project->team` indexes each record by its project's team. The
 * target's field is checked when the schema is assembled (the declaration names the target by a string key).
 */
export type ReferencePath<T> = `${ReferenceField<T>}->${string}`;
