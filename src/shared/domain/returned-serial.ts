import type { ReturnDocument } from '../api/returns';

/**
 * Matching a returned unit to the serial that shipped: the returns desk reads or types the serial
 * at inspection, and learns the package it left in, or that it did not ship in this order (a
 * swapped unit, or the wrong box) and must be looked at. Works offline: the return document
 * carries each line's shipped serials.
 */
export type SerialMatch =
  | { kind: 'shipped'; packageId: string; packageNumber: number }
  | { kind: 'other-line'; sku: string; packageId: string }
  | { kind: 'already-inspected' }
  | { kind: 'not-in-order' };

export function matchReturnedSerial(doc: ReturnDocument, returnLineId: string, serial: string): SerialMatch {
  const wanted = serial.trim();
  const packages = [...new Set(doc.lines.flatMap((l) => (l.shippedSerials ?? []).map((s) => s.packageId)))];
  if (doc.lines.some((l) => l.units.some((u) => u.serial === wanted))) return { kind: 'already-inspected' };
  const line = doc.lines.find((l) => l.id === returnLineId);
  const here = line?.shippedSerials?.find((s) => s.serial === wanted);
  if (here) return { kind: 'shipped', packageId: here.packageId, packageNumber: packages.indexOf(here.packageId) + 1 };
  for (const other of doc.lines) {
    const there = other.shippedSerials?.find((s) => s.serial === wanted);
    if (there) return { kind: 'other-line', sku: other.sku, packageId: there.packageId };
  }
  return { kind: 'not-in-order' };
}

/** What the returns desk says about a match. */
export function serialMatchText(doc: ReturnDocument, serial: string, match: SerialMatch): string {
  switch (match.kind) {
    case 'shipped':
      return `${serial} shipped in ${doc.orderNumber}, package ${match.packageNumber}`;
    case 'other-line':
      return `${serial} shipped in ${doc.orderNumber} as ${match.sku}, not as this item: check the unit`;
    case 'already-inspected':
      return `${serial} is already graded on ${doc.number}: check the unit`;
    case 'not-in-order':
      return `${serial} did not ship in ${doc.orderNumber}: check the unit before it goes back to stock`;
  }
}

/** Whether a return line's units carry serials to match (serial-tracked SKUs that shipped with them). */
export function expectsSerial(line: { shippedSerials?: readonly unknown[] | null }): boolean {
  return (line.shippedSerials?.length ?? 0) > 0;
}
