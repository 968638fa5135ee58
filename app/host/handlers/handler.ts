/**
 * What a handler is: one contract method, its arguments already checked
 * against the method's schema, answering with the method's result type.
 */
import type { ArgsOf, MethodName, ResultOf } from '../../contract/index.js';
import type { Session } from '../session.js';

export interface HandlerContext {
  readonly session: Session;
}

export type Handler<M extends MethodName> = (context: HandlerContext, args: ArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

/** Handlers for some of the methods; the dispatcher's table must cover them all. */
export type Handlers<M extends MethodName> = { readonly [N in M]: Handler<N> };

/** An object without its undefined fields: the engine's options are exact (exactOptionalPropertyTypes). */
export function defined<T extends object>(options: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
