import type { z } from 'zod';

/**
 * A station handler: the renderer calls it by name with one argument; main (Electron IPC) or
 * the station host (HTTP) validates the argument with `input` on arrival (dispatch.ts), and the
 * renderer reads the answer with `output` on arrival (station-client.ts): neither side trusts the other's shape.
 */
export interface HandlerSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function handler<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): HandlerSpec<I, O> {
  return { input, output };
}

export type HandlerMap = Record<string, HandlerSpec<z.ZodType, z.ZodType>>;

export type InputOf<S> = S extends HandlerSpec<infer I, z.ZodType> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends HandlerSpec<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<S> = S extends HandlerSpec<z.ZodType, infer O> ? z.output<O> : never;

/**
 * Who is calling: one device. Each browser or handheld on the station host is a device (it holds
 * a device token the host issued), and so is the desktop window. What is per person, like who is
 * signed in, is kept per device.
 */
export interface Caller {
  deviceId: string;
}

/** What main implements for a handler map: one async function per name, taking validated input and its caller. */
export type Implementation<M extends HandlerMap> = {
  [K in keyof M]: (input: ParsedInputOf<M[K]>, caller: Caller) => Promise<OutputOf<M[K]>>;
};

/** Handlers that work for one caller (built for each call), e.g. as the person signed in on that device. */
export type CallerBound<M extends HandlerMap> = {
  [K in keyof M]: (input: ParsedInputOf<M[K]>) => Promise<OutputOf<M[K]>>;
};

/** Implements a handler map whose handlers are built for each caller. */
export function perCaller<M extends HandlerMap>(map: M, build: (caller: Caller) => CallerBound<M>): Implementation<M> {
  const impl: Record<string, (input: unknown, caller: Caller) => Promise<unknown>> = {};
  for (const name of Object.keys(map)) {
    impl[name] = (input, caller) => (build(caller) as Record<string, (input: unknown) => Promise<unknown>>)[name]!(input);
  }
  return impl as Implementation<M>;
}
