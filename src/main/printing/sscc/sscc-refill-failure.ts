import { CREDENTIAL_REVOKED } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import type { SsccRefillFailure } from '../../../shared/contract/sscc-stock';
import type { ServerRefusal } from '../../services/server-link';

/** What to do once a range is used up: reaching the server again brings nothing. */
export const NEW_RANGE_NEEDED = 'an admin must set a new extension digit or company prefix in the label settings';
/** A revoked station, in the revoked panel's words (RevokedPanel.tsx): it is connected and refused, so connecting it mends nothing. */
export const RE_ENROL_NEEDED = 'it was revoked, so it can get no more until it is re-enrolled with a new enrollment code from an admin';
/** Any other refusal of the server: reaching it again brings the same answer. */
export const REFUSAL_TO_SEE = 'the server refused to give it more, so an admin must see why';

/**
 * Why a request for a block failed, from its error: the range used up (409 sscc_numbers_exhausted),
 * the credential revoked (the link refuses a revoked station at once, without asking), another
 * refusal the server answered (4xx), or no server: known offline, unreachable, or it failed (5xx).
 */
export function refillFailureOf(err: unknown): SsccRefillFailure {
  if (!(err instanceof HandlerError)) return 'no-server';
  if (err.code === 'sscc_numbers_exhausted') return 'range-used-up';
  if (err.code === CREDENTIAL_REVOKED) return 'revoked';
  const answered = (err.details as ServerRefusal | undefined)?.httpStatus;
  return answered !== undefined && answered >= 400 && answered < 500 ? 'refused' : 'no-server';
}
