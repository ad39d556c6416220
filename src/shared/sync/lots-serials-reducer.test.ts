import { describe, expect, it } from 'vitest';
import type { FulfillmentStationEvent } from '../events/station-events';
import type { FulfillmentDocument } from './fulfillment-document';
import { applyStationEvent } from './fulfillment-reducer';
import { applyFulfillmentAdminEvent } from './fulfillment-admin';
import { freshLine, fulfillmentDoc, LINE_A, LINE_B, STATION } from './testing/fulfillment-fixtures';

const CAM = LINE_A;
const MILK = LINE_B;
const PKG1 = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const PKG2 = 'cccccccc-cccc-4ccc-8ccc-cccccccccccd';

/** Held by this station: 2 serial-tracked cameras, 3 lot-tracked milks. */
function doc(): FulfillmentDocument {
  return fulfillmentDoc({
    status: 'in_progress',
    claimedBy: STATION,
    lines: [
      freshLine(CAM, 'CAM', '111', 'Camera', 2, { tracking: 'serial' }),
      freshLine(MILK, 'MILK', '222', 'Milk', 3, { tracking: 'lot' }),
    ],
  });
}

let seq = 0;
function ev(type: FulfillmentStationEvent['type'], payload: Record<string, unknown>): FulfillmentStationEvent {
  seq += 1;
  const d = doc();
  return {
    id: crypto.randomUUID(),
    stationId: STATION,
    seq,
    type,
    fulfillmentOrderId: d.id,
    orderId: d.orderId,
    actor: { kind: 'station', id: STATION },
    occurredAt: '2026-12-04T09:00:00.000Z',
    payload,
  } as FulfillmentStationEvent;
}

function fold(events: FulfillmentStationEvent[], start = doc()) {
  let d = start;
  for (const e of events) {
    const r = applyStationEvent(d, e);
    if (!r.ok) return r;
    d = r.doc;
  }
  return { ok: true as const, doc: d };
}

const serial = (s: string) => ev('item-verified', { lineId: CAM, barcode: '111', quantity: 1, serial: s });
const lot = (l: string, quantity: number, expiry: string | null = '2027-05-31') =>
  ev('item-verified', { lineId: MILK, barcode: '222', quantity, lot: l, expiry });

describe('lots and serials in the fulfillment reducer', () => {
  it('keeps scanned lots and serials on the line until they go into a package, which then holds them', () => {
    const scanned = fold([serial('S1'), lot('L1', 2), lot('L1', 1)]);
    if (!scanned.ok) throw new Error(scanned.message);
    expect(scanned.doc.lines[0]!.captured).toEqual([{ serial: 'S1', lot: null, expiry: null, quantity: 1 }]);
    expect(scanned.doc.lines[1]!.captured).toEqual([{ serial: null, lot: 'L1', expiry: '2027-05-31', quantity: 3 }]);
    const packed = fold(
      [
        ev('package-created', {
          packageId: PKG1,
          weightGrams: null,
          contents: [
            { lineId: CAM, quantity: 1, units: [{ serial: 'S1', lot: null, expiry: null, quantity: 1 }] },
            { lineId: MILK, quantity: 2, units: [{ serial: null, lot: 'L1', expiry: '2027-05-31', quantity: 2 }] },
          ],
        }),
      ],
      scanned.doc,
    );
    if (!packed.ok) throw new Error(packed.message);
    expect(packed.doc.lines.map((l) => [l.packed, l.captured])).toEqual([
      [1, []],
      [2, [{ serial: null, lot: 'L1', expiry: '2027-05-31', quantity: 1 }]],
    ]);
    expect(packed.doc.packages[0]!.contents[0]!.units).toEqual([{ serial: 'S1', lot: null, expiry: null, quantity: 1 }]);
  });

  it('refuses a serial scanned twice on the order, in a package or not', () => {
    expect(fold([serial('S1'), serial('S1')])).toMatchObject({ ok: false, code: 'serial_already_packed' });
    const pack = ev('package-created', {
      packageId: PKG1,
      weightGrams: null,
      contents: [{ lineId: CAM, quantity: 1, units: [{ serial: 'S1', lot: null, expiry: null, quantity: 1 }] }],
    });
    expect(fold([serial('S1'), pack, serial('S1')])).toMatchObject({ ok: false, code: 'serial_already_packed' });
    expect(fold([serial('S1'), pack, serial('S2')]).ok).toBe(true);
  });

  it('refuses a package holding a unit that was not scanned, or units that do not add up', () => {
    const unscanned = ev('package-created', {
      packageId: PKG2,
      weightGrams: null,
      contents: [{ lineId: CAM, quantity: 1, units: [{ serial: 'S9', lot: null, expiry: null, quantity: 1 }] }],
    });
    expect(fold([serial('S1'), unscanned])).toMatchObject({ ok: false, code: 'unit_not_captured' });
    const short = ev('package-created', {
      packageId: PKG2,
      weightGrams: null,
      contents: [{ lineId: MILK, quantity: 2, units: [{ serial: null, lot: 'L1', expiry: '2027-05-31', quantity: 1 }] }],
    });
    expect(fold([lot('L1', 2), short])).toMatchObject({ ok: false, code: 'package_units_mismatch' });
    const otherExpiry = ev('package-created', {
      packageId: PKG2,
      weightGrams: null,
      contents: [{ lineId: MILK, quantity: 1, units: [{ serial: null, lot: 'L1', expiry: null, quantity: 1 }] }],
    });
    expect(fold([lot('L1', 1), otherExpiry])).toMatchObject({ ok: false, code: 'unit_not_captured' });
  });

  it('leaves an untracked line exactly as before (no captured units)', () => {
    const plain = doc();
    plain.lines = plain.lines.map((l) => ({ ...l, tracking: undefined }));
    const r = fold(
      [
        ev('item-verified', { lineId: MILK, barcode: '222', quantity: 1 }),
        ev('package-created', { packageId: PKG1, weightGrams: null, contents: [{ lineId: MILK, quantity: 1 }] }),
      ],
      plain,
    );
    if (!r.ok) throw new Error(r.message);
    expect('captured' in r.doc.lines[1]!).toBe(false);
    expect(r.doc.packages[0]!.contents).toEqual([{ lineId: MILK, quantity: 1 }]);
  });

  it("gives a voided package's lots and serials back to their lines, so the next package holds them without a new scan", () => {
    const cam = { serial: 'S1', lot: null, expiry: null, quantity: 1 };
    const milk = { serial: null, lot: 'L1', expiry: '2027-05-31', quantity: 2 };
    const packed = fold([
      serial('S1'),
      lot('L1', 3),
      ev('package-created', {
        packageId: PKG1,
        weightGrams: null,
        contents: [
          { lineId: CAM, quantity: 1, units: [cam] },
          { lineId: MILK, quantity: 2, units: [milk] },
        ],
      }),
    ]);
    if (!packed.ok) throw new Error(packed.message);
    const voided = applyFulfillmentAdminEvent(packed.doc, {
      id: crypto.randomUUID(),
      fulfillmentOrderId: packed.doc.id,
      orderId: packed.doc.orderId,
      actor: { kind: 'api', id: 'sup' },
      stationId: null,
      occurredAt: '2026-12-04T09:05:00.000Z',
      type: 'package-voided',
      payload: { packageId: PKG1, reason: 'wrong box' },
    });
    if (!voided.ok) throw new Error(voided.message);
    expect(voided.doc.lines.map((l) => [l.verified, l.packed, l.captured])).toEqual([
      [1, 0, [cam]],
      // The lot's unpacked unit and the two from the box are one lot again.
      [3, 0, [{ ...milk, quantity: 3 }]],
    ]);
    const repacked = fold(
      [
        ev('package-created', {
          packageId: PKG2,
          weightGrams: null,
          contents: [
            { lineId: CAM, quantity: 1, units: [cam] },
            { lineId: MILK, quantity: 3, units: [{ ...milk, quantity: 3 }] },
          ],
        }),
      ],
      voided.doc,
    );
    if (!repacked.ok) throw new Error(repacked.message);
    expect(repacked.doc.packages.map((p) => p.status)).toEqual(['voided', 'packing']);
    // S1 is captured again, so a second scan of it is still refused; the line's other camera scans as before.
    expect(fold([serial('S1')], voided.doc)).toMatchObject({ ok: false, code: 'serial_already_packed' });
    expect(fold([serial('S2')], voided.doc).ok).toBe(true);
  });
});
