/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A backorder's place in its SKU's queue, as a supervisor reads it: "2nd of 3 for MUG-01", "the only one for MUG-01". */
export function skuQueuePlace(queue: { place: number; of: number }, sku: string): string {
  return queue.of === 1 ? `the only one for ${sku}` : `${ordinal(queue.place)} of ${queue.of} for ${sku}`;
}
