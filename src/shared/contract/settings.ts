import { z } from 'zod';
import { Address } from '../domain/address';
import type { ScanCodeRules } from '../domain/scan-code';
import { LABEL_TEMPLATES } from '../labels/label-data';
import { handler } from './handler';
import { ScaleConfig } from './scale';

export const PrinterConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535).default(9100) }),
  z.object({ kind: z.literal('cups'), queue: z.string().min(1).max(127) }),
]);

export const PrinterConfig = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(100),
  language: z.enum(['zpl', 'escpos', 'pdf']),
  dpi: z.union([z.literal(203), z.literal(300)]).default(203),
  connection: PrinterConnection,
});
export type PrinterConfig = z.infer<typeof PrinterConfig>;

const ScannerSuffix = z.union([
  z.enum(['Enter', 'Tab']),
  z
    .string()
    .min(1)
    .max(8)
    .regex(/^[^\s]+$/, 'suffix characters, or Enter or Tab'),
]);
/** A BCP 47 locale the runtime knows (e.g. en-GB: day-month dates), for dates, times, numbers and weights. */
const Locale = z
  .string()
  .min(2)
  .max(35)
  .refine((l) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf(l).length > 0;
    } catch {
      return false;
    }
  }, 'a locale such as en-GB or de-DE');
/** An IANA time zone (e.g. Europe/London). */
const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'a time zone such as Europe/London');

const DocumentPrefix = z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'capital letters and digits, starting with a letter');

export const StationSettings = z.object({
  printers: z.array(PrinterConfig).default([]),
  /** Which printer prints which document. */
  routes: z.partialRecord(z.enum(LABEL_TEMPLATES), z.string().uuid()).default({}),
  sscc: z
    .object({ extensionDigit: z.number().int().min(0).max(9), companyPrefix: z.string().regex(/^\d{6,12}$/) })
    .default({ extensionDigit: 0, companyPrefix: '0614141' }),
  shipFrom: Address.nullable().default(null),
  scanner: z
    .object({
      /**
       * A scanner's usual gap between keystrokes. Gaps up to three times this are jitter inside
       * one scan (Bluetooth, a busy machine); codes without a check digit must average under twice it.
       */
      maxInterKeyMs: z.number().int().min(5).max(200).default(50),
      minLength: z.number().int().min(1).max(50).default(4),
      /** Characters the scanner sends before each code; none by default. */
      prefix: z.string().max(8).optional(),
      /** What ends a code: the Enter (default) or Tab key, or characters the scanner sends after it. */
      suffix: ScannerSuffix.optional(),
      /** Prefixes of the order and RMA numbers the central server issues ('ORD' and 'RMA' by default). */
      orderNumberPrefix: DocumentPrefix.optional(),
      returnNumberPrefix: DocumentPrefix.optional(),
      /**
       * What this warehouse's tote labels start with ('T-' by default; '' for labels of any form).
       * A badge scanned for a tote must not be shown as one: at the pick screen's tote step, a code
       * that could be a badge is taken as a tote only with this prefix (shorter labels, such as
       * T-07, cannot be badges and are taken as they are).
       */
      toteLabelPrefix: z
        .string()
        .max(10)
        .regex(/^[\x21-\x7e]*$/, 'printable characters without spaces')
        .optional(),
    })
    .default({ maxInterKeyMs: 50, minLength: 4 }),
  /** A person with no scan and no action for this long is signed out (a station left signed in is anyone's). */
  idleSignOutMinutes: z.number().int().min(1).max(720).default(15),
  /** How the station writes dates, times, numbers and weights, and in which time zone; null: the computer's own. */
  locale: Locale.nullable().default(null),
  timeZone: TimeZone.nullable().default(null),
  /** The shipping scale at the bench (NCI protocol); null: the packer types each weight. */
  scale: ScaleConfig.nullish(),
});
export type StationSettings = z.infer<typeof StationSettings>;
export type ScannerSettings = StationSettings['scanner'];

/** How this station tells scanned codes apart (scan-code.ts), with the default document prefixes filled in. */
export function scanCodeRulesOf(scanner: ScannerSettings): ScanCodeRules {
  return {
    minLength: scanner.minLength,
    orderNumberPrefix: scanner.orderNumberPrefix ?? 'ORD',
    returnNumberPrefix: scanner.returnNumberPrefix ?? 'RMA',
  };
}

/** What tote labels start with at this station: the setting, or 'T-' unless set. */
export function toteLabelPrefixOf(scanner: ScannerSettings): string {
  return scanner.toteLabelPrefix ?? 'T-';
}

/**
 * A change to some settings. Fields left out keep their value: in zod 4 `.partial()` still fills
 * a missing field's `.default()`, which would reset it, so the patch is built from the fields
 * with their defaults unwrapped.
 */
export const SettingsPatch = z
  .object({
    printers: z.array(PrinterConfig),
    routes: z.partialRecord(z.enum(LABEL_TEMPLATES), z.string().uuid()),
    sscc: StationSettings.shape.sscc.unwrap(),
    shipFrom: Address.nullable(),
    scanner: StationSettings.shape.scanner.unwrap(),
    idleSignOutMinutes: StationSettings.shape.idleSignOutMinutes.unwrap(),
    locale: StationSettings.shape.locale.unwrap(),
    timeZone: StationSettings.shape.timeZone.unwrap(),
    scale: ScaleConfig.nullable(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settingsHandlers = {
  'settings.get': handler(z.undefined().optional(), StationSettings),
  'settings.update': handler(SettingsPatch, StationSettings),
};

/**
 * Station settings (printers, what they print, scanner, locale…) are a supervisor's or an admin's;
 * a packer or picker uses the printers but does not add, change or remove them. A station whose
 * warehouse has nobody set up yet works as itself and is set up as such. Main enforces this in the
 * settings.update handler; the screens follow it.
 */
export function mayChangeSettings(people: { users: readonly unknown[]; signedIn: { role: string } | null }): boolean {
  if (people.users.length === 0) return true;
  const role = people.signedIn?.role;
  return role === 'supervisor' || role === 'admin';
}
