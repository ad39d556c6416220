import { z } from 'zod';

/** Why a station's last request for more SSCC serials failed (see SsccStock.refillFailed). */
export const SsccRefillFailure = z.enum(['no-server', 'revoked', 'refused', 'range-used-up']);
export type SsccRefillFailure = z.infer<typeof SsccRefillFailure>;

/**
 * What is left of this station's SSCC serials for the range its label settings use (extension
 * digit and company prefix), pushed as 'printing.sscc-stock-changed' whenever it changes.
 */
export const SsccStock = z.object({
  extensionDigit: z.number().int(),
  companyPrefix: z.string(),
  remaining: z.number().int().min(0),
  /**
   * Why the last request for more failed; null when it can get more. 'no-server': offline, the
   * server failed, or (at start, once the first attempt to reach it failed) not reached since; 'revoked': the server refused the station's
   * credential as revoked; 'refused': the server answered with another refusal; 'range-used-up':
   * the server has none left of the range. Only 'no-server' is mended by connecting the station.
   */
  refillFailed: SsccRefillFailure.nullable(),
  /** For the packer and the supervisor while few are left and none can come, e.g. "42 shipping label numbers left…"; null otherwise. */
  warning: z.string().nullable(),
  /** The warning mark the count is below (the refill mark, then lower steps): the station sounds each time it drops to a lower one. */
  warnBelow: z.number().int().nullable(),
});
export type SsccStock = z.infer<typeof SsccStock>;
