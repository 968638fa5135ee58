/**
 * Exact type equality for type tests (the drizzle / type-challenges form): two
 * types are equal only if each is assignable where the other is expected in
 * every position, so `any`, extra optional fields, `readonly` and `| undefined`
 * all make a difference. `Expect<Equal<A, B>>` fails to compile unless A is B.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;
export type Not<T extends boolean> = T extends true ? false : true;

// The helper itself: it tells apart what a looser `extends` check would not.
export type HelperChecks = [
  Expect<Equal<{ a: string }, { a: string }>>,
  Expect<Not<Equal<{ a: string }, { a?: string }>>>,
  Expect<Not<Equal<{ a?: string }, { a?: string | undefined }>>>,
  Expect<Not<Equal<string, any>>>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any must not pass for string
  Expect<Not<Equal<readonly [number], [number]>>>,
  Expect<Not<Equal<string | null, string>>>,
  Expect<Not<Equal<'a' | 'b', string>>>,
];
