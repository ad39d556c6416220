import {
  stationContract,
  type HandlerName,
  type InputOf,
  type OutputOf,
  type StationContract,
  type StationEventName,
  type StationEvents,
} from '../../shared/contract/index';

/** How the renderer reaches main. It never knows whether that is Electron IPC or HTTP. */
export interface StationClient {
  call<N extends HandlerName>(
    name: N,
    ...arg: InputOf<StationContract[N]> extends undefined ? [arg?: InputOf<StationContract[N]>] : [arg: InputOf<StationContract[N]>]
  ): Promise<OutputOf<StationContract[N]>>;
  listen<E extends StationEventName>(name: E, callback: (payload: StationEvents[E]) => void): () => void;
  /**
   * Pairs this device with the station using the code shown there, named `screenName` on the
   * supervisor's list (refused: wrong code, paused, a name too long). The desktop window is always paired.
   */
  pair(code: string, screenName?: string): Promise<void>;
  /**
   * Told whether the station service answers (a browser's host can die while its page lives on);
   * absent in the desktop app, whose page ends with its main process.
   */
  watchHost?(callback: (reachable: boolean) => void): () => void;
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

/** The code of an answer whose shape is not what its handler declares. */
export const INVALID_RESULT = 'invalid_result';

/**
 * A reply as the renderer may use it: a refusal becomes a StationCallError, and a result is read
 * with the handler's declared result schema, so an answer of the wrong shape is a clear error
 * naming the handler and the field, never a silent cast. Both transports end here.
 */
export function unwrap(name: string, reply: CallReply): unknown {
  if (!reply.ok) throw new StationCallError(reply.error.code, reply.error.message);
  if (!Object.hasOwn(stationContract, name)) throw new StationCallError('unknown_handler', `no station handler named ${name}`);
  const read = stationContract[name as HandlerName].output.safeParse(reply.result);
  if (read.success) return read.data;
  const [first] = read.error.issues;
  throw new StationCallError(
    INVALID_RESULT,
    `${name} answered in a shape this station cannot read: ${first?.path.join('.') || 'result'}: ${first?.message ?? 'invalid'}`,
  );
}
