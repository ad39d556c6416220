import { z } from 'zod';
import { parseGs1 } from './gs1';

/**
 * Lots and serials. A SKU is tracked by lot (GS1 AI 10, with its expiry in AI 17), by serial
 * number (AI 21, one per unit) or not at all; the flag is kept on the server per SKU and stamped
 * on the fulfillment lines stations replicate. What a unit carries is captured at packing (or
 * picking), from its GS1 scan or typed.
 */
export const TRACKING_MODES = ['none', 'lot', 'serial'] as const;
export type TrackingMode = (typeof TRACKING_MODES)[number];

/** GS1 allows 20 characters of its 82-character set for AI 10 and AI 21; we take any printable ASCII. */
const TRACKING_TEXT_MAX = 20;
const TRACKING_TEXT_CHARACTERS = /^[\x21-\x7e]+$/;
export const TrackingText = z
  .string()
  .trim()
  .min(1)
  .max(TRACKING_TEXT_MAX)
  .regex(TRACKING_TEXT_CHARACTERS, 'printable characters without spaces (at most 20, as in GS1 AI 10/21)');

/** Why `raw` cannot be a lot or serial (TrackingText's rules), in a packer's words; null when it can. */
export function trackingTextProblem(raw: string, what: 'lot' | 'serial number'): string | null {
  const text = raw.trim();
  if (!text) return 'nothing was read';
  if (text.length > TRACKING_TEXT_MAX) return `a ${what} has at most ${TRACKING_TEXT_MAX} characters`;
  if (!TRACKING_TEXT_CHARACTERS.test(text)) return `a ${what} has only unaccented letters, digits and symbols, no spaces`;
  return null;
}
export const ExpiryDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** Units of one line with what identifies them: one serial (quantity 1) or one lot (with its expiry). */
export const TrackedUnits = z
  .object({
    serial: TrackingText.nullable(),
    lot: TrackingText.nullable(),
    expiry: ExpiryDate.nullable(),
    quantity: z.number().int().min(1).max(10_000),
  })
  .refine((u) => (u.serial === null) !== (u.lot === null), { message: 'a serial or a lot, not both', path: ['serial'] })
  .refine((u) => u.serial === null || u.quantity === 1, { message: 'a serial number is one unit', path: ['quantity'] })
  .refine((u) => u.lot !== null || u.expiry === null, { message: 'an expiry goes with a lot', path: ['expiry'] });
export type TrackedUnits = z.infer<typeof TrackedUnits>;

/** What one unit's scan or typing identified. */
export type UnitIdentity = { serial: string; lot: null; expiry: null } | { serial: null; lot: string; expiry: string | null };

export function sameIdentity(a: Omit<TrackedUnits, 'quantity'>, b: Omit<TrackedUnits, 'quantity'>): boolean {
  return a.serial === b.serial && a.lot === b.lot && a.expiry === b.expiry;
}

/** How a unit is shown to people (timeline, packing slip, returns desk). */
export function describeUnits(units: readonly TrackedUnits[]): string {
  const serials = units.flatMap((u) => (u.serial ? [u.serial] : []));
  const lots = units.flatMap((u) =>
    u.lot ? [`LOT ${u.lot}${u.expiry ? ` EXP ${u.expiry}` : ''}${u.quantity > 1 ? ` x${u.quantity}` : ''}`] : [],
  );
  return [...(serials.length ? [`SN ${serials.join(', ')}`] : []), ...lots].join('; ');
}

/**
 * GS1 AI 17 (YYMMDD) as a date. The century is the one that puts the year within 49 years back and
 * 50 ahead of `today` (GS1 General Specifications 7.12); day 00 means the last day of the month.
 */
export function gs1Expiry(yymmdd: string, today: Date = new Date()): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const [yy, mm, dd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mm < 1 || mm > 12) return null;
  const current = today.getUTCFullYear();
  const diff = yy - (current % 100);
  const year = current - (current % 100) + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  const day = dd === 0 ? lastDay : dd;
  if (day > lastDay) return null;
  return `${year}-${String(mm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The serial, lot and expiry a GS1 scan carries (AIs 21, 10, 17); nulls where it carries none. */
export function trackingInScan(raw: string, today?: Date): { serial: string | null; lot: string | null; expiry: string | null } {
  const elements = parseGs1(raw.trim()) ?? [];
  const value = (ai: string) => elements.find((e) => e.ai === ai)?.value ?? null;
  const expiry = value('17');
  return { serial: value('21'), lot: value('10'), expiry: expiry ? gs1Expiry(expiry, today) : null };
}
