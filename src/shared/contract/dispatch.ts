import type { z } from 'zod';
import { stationContract, type HandlerName, type StationContract } from './index';
import type { Caller, Implementation } from './handler';

export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * The one place both transports call into: finds the handler, re-validates the argument
 * (the renderer is never trusted), and runs it for the calling device.
 */
export async function dispatch(impl: Implementation<StationContract>, name: string, raw: unknown, caller: Caller): Promise<unknown> {
  if (!Object.hasOwn(stationContract, name)) throw new HandlerError('unknown_handler', `no station handler named ${name}`, 404);
  const spec = stationContract[name as HandlerName];
  const parsed = (spec.input as z.ZodType).safeParse(raw);
  if (!parsed.success) {
    throw new HandlerError(
      'invalid_input',
      `${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
      400,
      parsed.error.issues,
    );
  }
  const fn = impl[name as HandlerName] as (input: unknown, caller: Caller) => Promise<unknown>;
  return fn(parsed.data, caller);
}
