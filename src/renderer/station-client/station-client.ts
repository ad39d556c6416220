import type { HandlerName, InputOf, OutputOf, StationContract, StationEventName, StationEvents } from '../../shared/contract/index';

/** How the renderer reaches main. It never knows whether that is Electron IPC or HTTP. */
export interface StationClient {
  call<N extends HandlerName>(
    name: N,
    ...arg: InputOf<StationContract[N]> extends undefined ? [arg?: InputOf<StationContract[N]>] : [arg: InputOf<StationContract[N]>]
  ): Promise<OutputOf<StationContract[N]>>;
  listen<E extends StationEventName>(name: E, callback: (payload: StationEvents[E]) => void): () => void;
  /** Pairs this device with the station using the code shown there (refused: wrong code, paused). The desktop window is always paired. */
  pair(code: string): Promise<void>;
}

/** A handler's refusal, with the stable code main gave it. */
export class StationCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type CallReply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export function unwrap(reply: CallReply): unknown {
  if (reply.ok) return reply.result;
  throw new StationCallError(reply.error.code, reply.error.message);
}
