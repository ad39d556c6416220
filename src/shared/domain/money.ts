import { z } from 'zod';

/** Money is an integer count of the currency's minor unit (cents, paise) plus an ISO 4217 code. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');
/**
 * The largest amount Dockside takes anywhere (100 billion in major units). Sums of a few hundred
 * such amounts, and tax at up to 1000 % on them, stay far below 2^53, so every total is exact.
 */
export const MAX_MONEY_MINOR = 10_000_000_000_000;
export const MinorUnits = z
  .number()
  .int('money is integer minor units')
  .min(0)
  .max(MAX_MONEY_MINOR, `an amount is at most ${MAX_MONEY_MINOR} minor units`);
export const SignedMinorUnits = z.number().int('money is integer minor units');

/** Tax rates in basis points (1800 = 18%), so that tax stays integer arithmetic. */
export const BasisPoints = z.number().int().min(0).max(100_000);

/** Tax on an amount, rounded half away from zero, in minor units. */
export function taxOf(amountMinor: number, rateBps: number): number {
  if (!Number.isSafeInteger(amountMinor) || !Number.isSafeInteger(rateBps)) return Math.round((amountMinor * rateBps) / 10_000);
  // In BigInt: amount x rate can pass 2^53 before the division brings it back.
  const product = BigInt(amountMinor) * BigInt(rateBps);
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  return Number(sign * ((abs + 5_000n) / 10_000n));
}

/** Splits an amount into parts proportional to weights, distributing remainders so the parts sum exactly. */
export function allocate(amountMinor: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
  if (!Number.isSafeInteger(amountMinor) || !weights.every(Number.isSafeInteger)) return allocateFloat(amountMinor, weights, total);
  // In BigInt: amount x weight passes 2^53 for large orders; the remainders decide who gets the odd units.
  const big = BigInt(amountMinor);
  const bigTotal = BigInt(total);
  const exact = weights.map((w) => ({ q: (big * BigInt(w)) / bigTotal, r: (big * BigInt(w)) % bigTotal }));
  const parts = exact.map((e) => Number(e.q));
  let rest = amountMinor - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e.r })).sort((a, b) => (a.r === b.r ? a.i - b.i : b.r > a.r ? 1 : -1));
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i]! += 1;
    rest -= 1;
  }
  return parts;
}

/** Fractional weights (ratios): the same split in floating point. */
function allocateFloat(amountMinor: number, weights: readonly number[], total: number): number[] {
  const raw = weights.map((w) => (amountMinor * w) / total);
  const parts = raw.map(Math.floor);
  let rest = amountMinor - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i]! += 1;
    rest -= 1;
  }
  return parts;
}
