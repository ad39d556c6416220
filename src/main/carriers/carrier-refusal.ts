import { HandlerError } from '../../shared/contract/dispatch';
import { carrierTrouble } from '../../shared/words/carrier-trouble';

/** What support reads of a carrier refusal said in words: the server's own message and details. */
export interface CarrierRefusalDetail {
  technical: string;
  server?: unknown;
}

/**
 * A refusal of a carrier label (bought for a package, or a customer's return label) as the person
 * at the station reads it: `what` was not made (or the screen says so), why and what to do (carrier-trouble.ts). The
 * server's message ("the carrier API answered 500", a route, a socket error) moves to the details,
 * for support. Anything else is passed on as it is.
 */
export function carrierRefusal(error: unknown, what?: string): unknown {
  if (!(error instanceof HandlerError)) return error;
  const words = carrierTrouble(error.code);
  if (!words) return error;
  // An error that says its technical account apart (an answer the station cannot read) gives that, not its words.
  const technical = technicalOf(error) ?? error.message;
  const detail: CarrierRefusalDetail = { technical, ...(error.details === undefined ? {} : { server: error.details }) };
  return new HandlerError(error.code, what ? `${what}: ${words}` : words, error.status, detail);
}

/** The support detail of an error carrierRefusal said in words, else null. */
export function technicalOf(error: unknown): string | null {
  const details = error instanceof HandlerError ? (error.details as Partial<CarrierRefusalDetail> | undefined) : undefined;
  return typeof details?.technical === 'string' ? details.technical : null;
}
