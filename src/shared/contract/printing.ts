import { z } from 'zod';
import { StationUser } from './station';
import { CarrierServiceChoice } from './carriers';
import {
  CarrierLabelData,
  LABEL_FORMATS,
  LABEL_TEMPLATES,
  ManifestData,
  PAPER_SIZES,
  PackingSlipData,
  PickListData,
  ReturnLabelData,
  ReturnReceiptData,
  ShippingLabelData,
  SsccLabelData,
  TestLabelData,
  type LabelTemplate,
} from '../labels/label-data';
import { Actor } from '../events/station-events';
import { PackageRelabel } from '../sync/fulfillment-document';
import { handler } from './handler';
import { SsccStock } from './sscc-stock';

const packageRef = { fulfillmentOrderId: z.string().uuid(), orderId: z.string().uuid(), packageId: z.string().uuid() };

/**
 * What a job is for. It is kept with the job in main's queue, so what follows its printing
 * survives a reload, a station restart and a kill -9. A package has at most one of each kind
 * that is not voided: asking again answers with the one it has (a package never gets a second SSCC).
 */
export const JobPurpose = z.discriminatedUnion('kind', [
  /** A package's label: when it prints, the package ships, shipped by `actor` (whoever pressed Ship). */
  z.object({ kind: z.literal('ship-package'), ...packageRef, actor: Actor }).strict(),
  /** A package's packing slip: nothing follows its printing; it ties the slip to its package. */
  z.object({ kind: z.literal('package-slip'), ...packageRef }).strict(),
]);
export type JobPurpose = z.infer<typeof JobPurpose>;

/** The templates that may carry each purpose. */
export const PURPOSE_TEMPLATES: Record<JobPurpose['kind'], readonly LabelTemplate[]> = {
  'ship-package': ['shipping-label', 'sscc-label', 'carrier-label'],
  'package-slip': ['packing-slip'],
};

/**
 * jobId: chosen by the caller so a resent request is the same job. printerId: print on this printer
 * instead of the station's route for the template. purpose: what the job is for (see JobPurpose).
 */
const printOptions = { jobId: z.string().uuid().optional(), printerId: z.string().uuid().optional(), purpose: JobPurpose.optional() };
const paper = z.enum(PAPER_SIZES).optional();

export const PrintRequest = z.discriminatedUnion('template', [
  /** carrierService: main takes the package's tracking number from that account's block and prints it as the tracking barcode. */
  z.object({
    template: z.literal('shipping-label'),
    data: ShippingLabelData,
    carrierService: CarrierServiceChoice.optional(),
    ...printOptions,
  }),
  z.object({ template: z.literal('sscc-label'), data: SsccLabelData, ...printOptions }),
  z.object({ template: z.literal('packing-slip'), data: PackingSlipData, paper, ...printOptions }),
  z.object({ template: z.literal('return-label'), data: ReturnLabelData, ...printOptions }),
  z.object({ template: z.literal('pick-list'), data: PickListData, paper, ...printOptions }),
  z.object({ template: z.literal('test-label'), data: TestLabelData, ...printOptions }),
  z.object({ template: z.literal('carrier-label'), data: CarrierLabelData, ...printOptions }),
  z.object({ template: z.literal('manifest'), data: ManifestData, paper, ...printOptions }),
  z.object({ template: z.literal('return-receipt'), data: ReturnReceiptData, ...printOptions }),
]);
export type PrintRequest = z.infer<typeof PrintRequest>;
/** What callers may pass before defaults are applied (the service parses it). */
export type PrintRequestInput = z.input<typeof PrintRequest>;

/**
 * unconfirmed: a send ended unsure (the printer took every byte, then cut the connection or never
 * confirmed; or the station stopped mid-send), so the label may have printed. It is not sent again
 * until a person at the station answers (printing.answer-unconfirmed): it printed, or print it again.
 */
export const PRINT_JOB_STATES = ['queued', 'sending', 'printed', 'retrying', 'unconfirmed', 'voided'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

/**
 * Why a send ended unsure. printer-silent: the printer took every byte, then cut the connection
 * or never confirmed. station-stopped: the station stopped (crash, restart) after the send reached
 * the printer.
 */
export const UNSURE_CAUSES = ['printer-silent', 'station-stopped'] as const;
export type UnsureCause = (typeof UNSURE_CAUSES)[number];

/** The carrier, service and tracking number on a label main numbered from a block. */
export const JobTracking = z.object({
  accountId: z.string(),
  carrier: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string(),
});
export type JobTracking = z.infer<typeof JobTracking>;

/** What a person at the station says about a label that may have printed (an unconfirmed job). */
export const UnconfirmedAnswer = z.object({ jobId: z.string().uuid(), answer: z.enum(['printed', 'print-again']) }).strict();
export type UnconfirmedAnswer = z.infer<typeof UnconfirmedAnswer>;

/**
 * An answer as the job keeps it: which, who was signed in on the device that gave it (null:
 * nobody, on a station with nobody set up), and when (UTC ISO).
 */
export const GivenAnswer = z.object({ answer: UnconfirmedAnswer.shape.answer, by: StationUser.nullable(), at: z.string() }).strict();
export type GivenAnswer = z.infer<typeof GivenAnswer>;

export const PrintJob = z.object({
  id: z.string(),
  template: z.enum(LABEL_TEMPLATES),
  printerId: z.string(),
  printerName: z.string(),
  format: z.enum(LABEL_FORMATS),
  state: z.enum(PRINT_JOB_STATES),
  /** Sends started (each counted on disk before its first byte goes out). */
  attempts: z.number(),
  /** When the send now on the wire started; null: none is. Still set after a restart means it was cut off. */
  attemptStartedAt: z.string().nullable(),
  /**
   * When that send reached the printer (connected, or handed to the OS print queue), recorded on
   * disk before its first byte goes out. Null while it is still connecting: one cut off by a restart
   * then cannot have printed, so it is simply sent again. Records from before it was kept: see job-store.ts.
   */
  attemptConnectedAt: z.string().nullable(),
  /**
   * A send ended without knowing whether the printer printed: cut off by a crash or restart, or all
   * of it sent and then the connection reset or never confirmed. Such a send leaves the job
   * `unconfirmed`: it is never sent again until a person says it did not print (printAgainAt).
   */
  mayHavePrinted: z.boolean(),
  /** Why the last send that may have printed was unsure, so "Did it print?" says what happened (see UNSURE_CAUSES). Null: no send was. */
  unsureCause: z.enum(UNSURE_CAUSES).nullable(),
  /**
   * When a person last answered "Print it again" to an unconfirmed send (or moved such a label to
   * another printer): from then on two copies with this label's SSCC may exist, so once it prints
   * the packer keeps one and records the other void (duplicateVoidedAt). Null: it was never sent
   * again after a send that may have printed. Records from before the question was asked: see job-store.ts.
   */
  printAgainAt: z.string().nullable(),
  /** When the packer recorded the possible extra copy as void (its SSCC is never reused). Cleared by a later "Print it again". */
  duplicateVoidedAt: z.string().nullable(),
  /** The last answer a person gave about an unsure send of this job, who gave it and when. Null: never asked, or not answered yet. */
  answered: GivenAnswer.nullable(),
  /** Why the last send failed, in the packer's words: what happened and what to do. */
  lastError: z.string().nullable(),
  /** The technical account of that failure for support (socket code, address, phase); absent on older jobs. */
  lastErrorDetail: z.string().nullable().optional(),
  /** SSCC allocated to this label, when the template carries one. */
  sscc: z.string().nullable(),
  /** The carrier, service and tracking number on this label, when main numbered it from a block (absent on older jobs). */
  tracking: JobTracking.nullable().optional(),
  reference: z.string().nullable(),
  reprintOf: z.string().nullable(),
  createdAt: z.string(),
  printedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /** What the label is, for the job list ("Shipping label ORD-... box 1 of 2"). */
  title: z.string(),
  voidedAt: z.string().nullable(),
  /** Why the station voided it by itself (its order was cancelled); absent when a person voided it. */
  voidReason: z.string().nullable().optional(),
  /**
   * A supervisor gave the parcel a new SSCC in place of this label's (package-relabelled): the label
   * never prints again, here or as a reprint. Absent: its SSCC was not replaced.
   */
  relabelled: PackageRelabel.nullable().optional(),
  /** What the job is for; a reprint or a moved label carries its original's. Null: printed by hand. */
  purpose: JobPurpose.nullable(),
  /** When the station recorded what followed the printing (the package shipped); null until then. */
  purposeRecordedAt: z.string().nullable(),
  /**
   * Who asked for this job: the person signed in on the device (for a reprint or a moved label, who
   * reprinted or moved it). Null: nobody was signed in; absent on jobs from before it was recorded.
   */
  printedBy: StationUser.nullable().optional(),
});
export type PrintJob = z.infer<typeof PrintJob>;

/** A package's shipping label that printed: the station shipped the box with it, so it is not voided at the station. */
export const labelShippedItsBox = (job: Pick<PrintJob, 'state' | 'purpose'>): boolean =>
  job.state === 'printed' && job.purpose?.kind === 'ship-package';

/** Why a person may not act on a job that is not theirs, or null when they may (see reprintRefusal). */
export type OwnLabelRefusal = { code: 'sign_in_required' | 'print_job_not_yours'; message: string } | null;
type People = { users: readonly unknown[]; signedIn: StationUser | null };

/**
 * Why the person signed in may not reprint or move a job, or null when they may: packers (and
 * anyone but a supervisor or an admin) only their own labels; a station with nobody set up works
 * as itself. Main enforces it in the printing.reprint handler; the print queue shows who printed.
 */
export function reprintRefusal(job: Pick<PrintJob, 'title' | 'printedBy'>, people: People): OwnLabelRefusal {
  return ownLabelsOnly(job, people, {
    signIn: `Sign in to reprint or move ${job.title}`,
    rule: (who) => `a ${who.role} reprints or moves only their own labels. Ask a supervisor to reprint it.`,
  });
}

/**
 * Why the person signed in may not answer whether a label that may have printed did, or null when
 * they may: Reprint's rule, for both answers. "Print it again" makes a second copy with the
 * label's SSCC, as a reprint does. "It printed" settles the label for good, and a package's label
 * ships its box: only who sent it (or a supervisor) can tell the label at the printer is that one.
 */
export function answerRefusal(job: Pick<PrintJob, 'title' | 'printedBy'>, people: People): OwnLabelRefusal {
  return ownLabelsOnly(job, people, {
    signIn: `Sign in to say whether ${job.title} printed`,
    rule: (who) =>
      `a ${who.role} answers "Did it print?" only for their own labels. Ask ${job.printedBy ? `${job.printedBy.name} or ` : ''}a supervisor to answer it.`,
  });
}

function ownLabelsOnly(
  job: Pick<PrintJob, 'title' | 'printedBy'>,
  people: People,
  say: { signIn: string; rule: (who: StationUser) => string },
): OwnLabelRefusal {
  const who = people.signedIn;
  if (people.users.length === 0 || who?.role === 'supervisor' || who?.role === 'admin') return null;
  if (!who) return { code: 'sign_in_required', message: say.signIn };
  if (job.printedBy?.id === who.id) return null;
  const owner = job.printedBy ? `${job.printedBy.name} printed ${job.title}` : `Nobody is recorded as printing ${job.title}`;
  return { code: 'print_job_not_yours', message: `${owner}: ${say.rule(who)}` };
}

/** A printer's answer to a status check. */
export const PrinterStatus = z.object({
  printerId: z.string(),
  printerName: z.string(),
  /** It accepted a connection (or, for a CUPS queue, lpstat answered). */
  reachable: z.boolean(),
  /** It reported its state (ZPL ~HS, CUPS); when false, `ready` is unknown (null) unless unreachable. */
  reported: z.boolean(),
  ready: z.boolean().nullable(),
  /** e.g. 'paper out', 'head open', 'ribbon out', 'paused', 'queue disabled', 'unreachable'. */
  problems: z.array(z.string()),
  /** What the station says of it; when unreachable, what happened and what to do. */
  detail: z.string().nullable(),
  /** When unreachable: the technical account for support (socket code, address, command output). */
  technicalDetail: z.string().nullable().optional(),
  checkedAt: z.string(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/** Preview either an existing job (exactly what was sent) or a request (rendered, nothing queued). */
export const PreviewRequest = z.union([
  z.object({ jobId: z.string().uuid(), page: z.number().int().min(1).default(1) }).strict(),
  z.intersection(PrintRequest, z.object({ page: z.number().int().min(1).default(1) })),
]);
export type PreviewRequest = z.infer<typeof PreviewRequest>;
export type PreviewRequestInput = z.input<typeof PreviewRequest>;

export const LabelPreview = z.object({
  /** PNG, base64. */
  png: z.string(),
  width: z.number(),
  height: z.number(),
  page: z.number(),
  pageCount: z.number(),
  format: z.enum(LABEL_FORMATS),
  dpi: z.number(),
  /** Previews of SSCC-carrying requests show a placeholder SSCC: serials are allocated only when printing. */
  placeholderSscc: z.boolean(),
});
export type LabelPreview = z.infer<typeof LabelPreview>;

/** How many of the newest print jobs the station's print queue shows. */
export const JOBS_SHOWN = 50;

export const printingHandlers = {
  /** Renders and queues a label, waits for the first attempt, and returns the job in its state. */
  'printing.print': handler(PrintRequest, PrintJob),
  /** Newest first (JOBS_SHOWN of them unless asked). `unrecorded`: only printed jobs whose purpose the station has not recorded yet. */
  'printing.list-jobs': handler(
    z.object({ limit: z.number().int().min(1).max(500).default(JOBS_SHOWN), unrecorded: z.boolean().optional() }).optional(),
    z.array(PrintJob),
  ),
  /**
   * Prints the same label again; with `printerId`, on that printer (a waiting original is then
   * voided: the label moved). A label still waiting for its own printer is sent again now, not copied.
   */
  'printing.reprint': handler(z.object({ jobId: z.string().uuid(), printerId: z.string().uuid().optional() }), PrintJob),
  'printing.void': handler(z.object({ jobId: z.string().uuid() }), PrintJob),
  /**
   * A box being unpacked: every label and slip of the package still waiting is voided (answered);
   * refused (409) when its label is on the wire or has printed, as the box then ships.
   */
  'printing.void-package': handler(z.object({ packageId: z.string().uuid() }).strict(), z.array(PrintJob)),
  /** The extra copy of a label sent again after a send that may have printed (printAgainAt) is void. */
  'printing.void-duplicate': handler(z.object({ jobId: z.string().uuid() }), PrintJob),
  /** Sends a waiting job now; refused (409) for an unconfirmed one: a person answers that (below). */
  'printing.retry-now': handler(z.object({ jobId: z.string().uuid() }), PrintJob),
  /**
   * A person's answer about an unconfirmed job (its label may have printed): `printed` settles it as
   * printed, nothing more is sent (a package label then ships its package); `print-again` sends it
   * once more, and the job keeps track that two copies with its SSCC may exist. 409 when the job is
   * not waiting for an answer (answered already, on another screen too); `printed` said twice is harmless.
   * 403 for a packer answering about someone else's label, as for a reprint (answerRefusal). The job keeps the answer (answered).
   */
  'printing.answer-unconfirmed': handler(UnconfirmedAnswer, PrintJob),
  /** The station recorded what followed a printed job (its package shipped): it is not reconciled again. */
  'printing.mark-recorded': handler(z.object({ jobId: z.string().uuid() }), PrintJob),
  /** A PNG of an existing job (exactly what was sent) or of a request (rendered, nothing queued). */
  'printing.preview': handler(PreviewRequest, LabelPreview),
  'printing.printer-status': handler(z.object({ printerId: z.string().uuid() }), PrinterStatus),
  /** What is left of the SSCC serials labels are numbered from, and the warning while they run low with no refill (sscc-stock.ts). */
  'printing.sscc-stock': handler(z.undefined().optional(), SsccStock),
};

export { LABEL_TEMPLATES };
