import { z } from 'zod';
import { ManifestCarrier, ManifestView, PendingManifest } from '../api/manifests';
import { ReturnLabelView } from '../api/returns';
import { handler } from './handler';
import { PrintJob } from './printing';

/** A document the station fetched from the server and queued: the job, or why it did not print (no printer routed…). */
const Printed = { job: PrintJob.nullable(), printProblem: z.string().nullable() };

export const ClosedManifest = z.object({ manifest: ManifestView, ...Printed });
export type ClosedManifest = z.infer<typeof ClosedManifest>;

export const PrintedReturnLabel = z.object({ label: ReturnLabelView, ...Printed });
export type PrintedReturnLabel = z.infer<typeof PrintedReturnLabel>;

/**
 * Documents the server keeps that the station prints (online only: they are the server's):
 * the end-of-day manifest and an RMA's return label. Each call acts as the person signed in on the device.
 */
export const deskPrintHandlers = {
  /** What the carrier's next manifest would hold. */
  'manifests.pending': handler(z.object({ carrier: ManifestCarrier }).strict(), PendingManifest),
  /** Closes out the carrier at this station's warehouse and prints the manifest where a printer is routed for it. */
  'manifests.close': handler(z.object({ carrier: ManifestCarrier }).strict(), ClosedManifest),
  /** Prints a manifest again. */
  'manifests.print': handler(z.object({ manifestId: z.string().uuid() }).strict(), ClosedManifest),
  /**
   * The RMA's return label (numbered once by the server; a second call reprints the same one) on an
   * account's service, by default the first service of this station's first carrier account.
   */
  'returns.print-return-label': handler(
    z
      .object({
        returnId: z.string().uuid(),
        accountId: z.string().uuid().optional(),
        serviceCode: z
          .string()
          .regex(/^[0-9A-Z]{2,3}$/)
          .optional(),
        /** The returning parcel's weight, for an account that buys its labels (the carrier prices by weight). */
        weightGrams: z.number().int().min(1).max(150_000).optional(),
      })
      .strict(),
    PrintedReturnLabel,
  ),
};
