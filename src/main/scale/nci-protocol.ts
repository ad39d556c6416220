import type { ScaleReading, ScaleState } from '../../shared/contract/scale';

/**
 * The NCI standard scale protocol (Avery Weigh-Tronix SCP-01), as NCI/Weigh-Tronix bench scales
 * and most shipping-scale indicators (Brecknell, B-TEK, Fairbanks) speak it:
 *   host:  W<CR>                      the weight
 *   scale: <LF>xxxx.xxuu<CR><LF>hh<CR><ETX>   weight with units, then two (or three) status bytes
 *   host:  S<CR> / Z<CR>              status / zero; scale: <LF>hh<CR><ETX>
 *   scale: <LF>?<CR><ETX>             a command it does not know
 * Each status byte carries flags in its low four bits; bits 4 and 5 are always set (so "00" is all clear).
 *   byte 1: bit 0 in motion, bit 1 at zero, bit 2 RAM error, bit 3 EEPROM error
 *   byte 2: bit 0 under capacity, bit 1 over capacity, bit 2 ROM error, bit 3 faulty calibration
 */
export const NCI = { weigh: 'W\r', status: 'S\r', zero: 'Z\r', etx: 0x03 } as const;

export interface NciStatus {
  motion: boolean;
  atZero: boolean;
  underCapacity: boolean;
  overCapacity: boolean;
  /** RAM, EEPROM, ROM or calibration faults the scale reports. */
  faults: string[];
}

export class NciProtocolError extends Error {}

const GRAMS_PER: Record<NonNullable<ScaleReading['unit']>, number> = { kg: 1000, g: 1, lb: 453.59237, oz: 28.349523125 };

export function parseStatus(bytes: string): NciStatus {
  if (!/^[\x30-\x3f]{2,3}$/.test(bytes)) throw new NciProtocolError(`status bytes ${JSON.stringify(bytes)} are not NCI status`);
  const b1 = bytes.charCodeAt(0) & 0x0f;
  const b2 = bytes.charCodeAt(1) & 0x0f;
  const faults = [
    b1 & 4 ? 'RAM error' : null,
    b1 & 8 ? 'EEPROM error' : null,
    b2 & 4 ? 'ROM error' : null,
    b2 & 8 ? 'faulty calibration' : null,
  ].filter((f): f is string => f !== null);
  return { motion: (b1 & 1) !== 0, atZero: (b1 & 2) !== 0, underCapacity: (b2 & 1) !== 0, overCapacity: (b2 & 2) !== 0, faults };
}

/** One whole answer ends with ETX; the framing is checked, not guessed. */
export function splitAnswer(text: string): string[] {
  if (!text.startsWith('\n') || !text.endsWith('\r\x03')) throw new NciProtocolError(`not an NCI answer: ${JSON.stringify(text)}`);
  return text
    .slice(1, -2)
    .split('\r\n')
    .map((s) => s.trim());
}

/** The answer to W<CR>: weight and units (absent or dashes when the scale cannot weigh) and the status. */
export function parseWeightAnswer(text: string, readAt = new Date().toISOString()): { reading: ScaleReading; status: NciStatus } {
  const parts = splitAnswer(text);
  if (parts.length === 1 && parts[0] === '?') throw new NciProtocolError('the scale did not understand the weight request');
  const statusPart = parts.at(-1)!;
  const status = parseStatus(statusPart);
  if (status.faults.length) throw new NciProtocolError(`the scale reports ${status.faults.join(', ')}`);
  const weightPart = parts.length > 1 ? parts[0]!.replace(/\s+/g, '') : '';
  const m = /^(-?\d*\.?\d+)(kg|g|lb|oz)$/i.exec(weightPart);
  const unit = m ? (m[2]!.toLowerCase() as NonNullable<ScaleReading['unit']>) : null;
  const value = m ? Number(m[1]) : null;
  const grams = value !== null && unit ? Math.round(value * GRAMS_PER[unit]) : null;
  const state = stateOf(status, grams);
  if (state === 'stable' && grams === null) throw new NciProtocolError(`the scale sent no weight: ${JSON.stringify(weightPart)}`);
  return {
    reading: { state, grams, display: m ? `${m[1]} ${unit}` : weightPart.slice(0, 40), unit, readAt },
    status,
  };
}

function stateOf(s: NciStatus, grams: number | null): ScaleState {
  if (s.overCapacity) return 'overload';
  if (s.underCapacity) return 'underload';
  if (s.motion) return 'motion';
  if (s.atZero || grams === 0) return 'zero';
  return 'stable';
}
