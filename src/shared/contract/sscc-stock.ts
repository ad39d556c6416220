import { z } from 'zod';

/**
 * What is left of this station's SSCC serials for the range its label settings use (extension
 * digit and company prefix), pushed as 'printing.sscc-stock-changed' whenever it changes.
 */
export const SsccStock = z.object({
  extensionDigit: z.number().int(),
  companyPrefix: z.string(),
  remaining: z.number().int().min(0),
  /** Why the last request for more failed: no server (offline, or it failed), or the range is used up; null when it can get more. */
  refillFailed: z.enum(['no-server', 'range-used-up']).nullable(),
  /** For the packer and the supervisor while few are left and none can come, e.g. "42 shipping label numbers left…"; null otherwise. */
  warning: z.string().nullable(),
  /** The warning mark the count is below (the refill mark, then lower steps): the station sounds each time it drops to a lower one. */
  warnBelow: z.number().int().nullable(),
});
export type SsccStock = z.infer<typeof SsccStock>;
