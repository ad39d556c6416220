import { scanCodeRulesOf, StationSettings, type ScannerSettings } from '../../shared/contract/settings';
import { REREAD_MS, type ScanCodeRules } from '../../shared/domain/scan-code';

/** The keyboard-wedge detector's settings, with the station settings' optional ones filled in. */
export interface WedgeConfig extends ScanCodeRules {
  /** A scanner's usual gap between keystrokes. */
  maxInterKeyMs: number;
  /** Characters the scanner sends before each code ('' for none). */
  prefix: string;
  /** 'Enter' or 'Tab' (that key ends a code), or the characters the scanner sends after it. */
  suffix: string;
  /** The same code again within this long of the last one's end is one label read twice. */
  rereadMs: number;
}

/** The schema's defaults, used until the station's settings have been read. */
export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = StationSettings.shape.scanner.parse(undefined);
/** What a code's kind is judged by where a screen needs only that (an item's check digit, our prefixes): the defaults'. */
export const DEFAULT_SCAN_CODE_RULES = scanCodeRulesOf(DEFAULT_SCANNER_SETTINGS);

export function wedgeConfigOf(settings: ScannerSettings): WedgeConfig {
  return {
    ...scanCodeRulesOf(settings),
    maxInterKeyMs: settings.maxInterKeyMs,
    prefix: settings.prefix ?? '',
    suffix: settings.suffix ?? 'Enter',
    rereadMs: REREAD_MS,
  };
}

/** Timing derived from the scanner's usual gap; see keyboard-wedge.ts for what each is for. */
export function wedgeTiming(config: Pick<WedgeConfig, 'maxInterKeyMs'>) {
  const jitterMs = config.maxInterKeyMs * 3;
  return {
    jitterMs,
    /** A single pause inside one scan: the renderer or the test driver was busy. */
    stallMs: Math.max(1000, jitterMs * 2),
    /** Mean gap a code without a check digit must stay under: faster than a person types. */
    paceMs: config.maxInterKeyMs * 2,
    /** How far back an unfinished scanner burst still makes the next one suspect. */
    orphanWindowMs: 5000,
    maxStalls: 2,
  };
}
