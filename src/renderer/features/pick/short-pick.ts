import type { PickStop } from './pick-path';

/** A short pick of a SKU no bin lists names no bin (the server skips an id it does not know). */
export const NO_BIN = '00000000-0000-4000-8000-000000000000';
/** The most a picker can say is left in a bin (the pick-shorted event's limit). */
const MAX_LEFT_IN_BIN = 1_000_000;

type From = { lineId: string; binId: string; binCode: string };
export type ShortPick =
  | {
      ok: true;
      /** The units in hand, recorded into the stop's tote first (null when none). */
      picked: (From & { tote: string; quantity: number }) | null;
      shorted: From & { shortQuantity: number; remainingInBin: number };
    }
  | { ok: false; message: string };

/**
 * What a short pick records: the units in hand go in the tote, the rest of the stop is short,
 * and the bin holds what the picker counted left in it (typed; empty means none, the usual case).
 */
export function shortPickOf(stop: PickStop, inHand: number, leftInBinTyped: string): ShortPick {
  const typed = leftInBinTyped.trim();
  if (!/^\d{0,7}$/.test(typed) || Number(typed) > MAX_LEFT_IN_BIN)
    return {
      ok: false,
      message: `"${typed}" is not a count: type how many are left in the bin, a whole number from 0 to ${MAX_LEFT_IN_BIN.toLocaleString('en')}`,
    };
  const short = stop.quantity - inHand;
  if (short <= 0) return { ok: false, message: `All ${stop.quantity} are in hand: scan tote ${stop.tote}` };
  const from: From = { lineId: stop.lineId, binId: stop.bin?.id ?? NO_BIN, binCode: stop.bin?.code ?? 'NO-BIN' };
  return {
    ok: true,
    picked: inHand ? { ...from, tote: stop.tote, quantity: inHand } : null,
    shorted: { ...from, shortQuantity: short, remainingInBin: typed === '' ? 0 : Number(typed) },
  };
}
