import { z } from 'zod';

const extensionDigit = z.number().int().min(0).max(9);
const companyPrefix = z.string().regex(/^\d{6,12}$/, 'a GS1 company prefix is 6 to 12 digits');

/** A station asks for the next block of SSCC serial references of one range (POST /v1/sync/sscc-blocks). */
export const SsccBlockRequest = z.object({ extensionDigit, companyPrefix }).strict();
export type SsccBlockRequest = z.infer<typeof SsccBlockRequest>;

/** Serial references first..last of that range, this station's alone (as a TrackingBlock is for tracking numbers). */
export const SsccBlock = z.object({
  id: z.string(),
  extensionDigit,
  companyPrefix,
  firstSerial: z.number().int().min(0),
  lastSerial: z.number().int().min(0),
  issuedAt: z.string(),
});
export type SsccBlock = z.infer<typeof SsccBlock>;
