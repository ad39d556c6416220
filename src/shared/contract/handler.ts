import type { z } from 'zod';

/**
 * A station handler: the renderer calls it by name with one argument; main (Electron IPC) or
 * the station host (HTTP) validates the argument with `input` and answers with `Output`.
 */
export interface HandlerSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

export function handler<I extends z.ZodType>(input: I) {
  return { returns: <O>(): HandlerSpec<I, O> => ({ input }) };
}

export type HandlerMap = Record<string, HandlerSpec<z.ZodType, unknown>>;

export type InputOf<S> = S extends HandlerSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends HandlerSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends HandlerSpec<z.ZodType, infer O> ? O : never;

/** What main implements for a handler map: one async function per name, taking validated input. */
export type Implementation<M extends HandlerMap> = {
  [K in keyof M]: (input: ParsedInputOf<M[K]>) => Promise<OutputOf<M[K]>>;
};
