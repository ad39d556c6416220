import { z } from 'zod';

/** Money is an integer count of the currency's minor unit (cents, paise) plus an ISO 4217 code. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');
export const MinorUnits = z.number().int('money is integer minor units').min(0).max(Number.MAX_SAFE_INTEGER);
export const SignedMinorUnits = z.number().int('money is integer minor units');

/** Tax rates in basis points (1800 = 18%), so that tax stays integer arithmetic. */
export const BasisPoints = z.number().int().min(0).max(100_000);

/** Tax on an amount, rounded half away from zero, in minor units. */
export function taxOf(amountMinor: number, rateBps: number): number {
  return Math.round((amountMinor * rateBps) / 10_000);
}

/** Splits an amount into parts proportional to weights, distributing remainders so the parts sum exactly. */
export function allocate(amountMinor: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
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
