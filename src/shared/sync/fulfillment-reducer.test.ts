import { describe, expect, it } from 'vitest';
import type { FulfillmentStationEvent } from '../events/station-events';
import { unitsToPack, type FulfillmentDocument } from './fulfillment-document';
import { foldStationView } from './fold-view';
import { applyStationEvent } from './fulfillment-reducer';
import { fulfillmentDoc, LINE_A, LINE_B, OTHER_STATION, STATION } from './testing/fulfillment-fixtures';

const OTHER = OTHER_STATION;
const PKG = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const doc = fulfillmentDoc;

let seq = 0;
function ev(type: FulfillmentStationEvent['type'], payload: Record<string, unknown>, stationId = STATION): FulfillmentStationEvent {
  seq += 1;
  const d = doc();
  return {
    id: crypto.randomUUID(),
    stationId,
    seq,
    type,
    fulfillmentOrderId: d.id,
    orderId: d.orderId,
    actor: { kind: 'station', id: stationId },
    occurredAt: `2026-11-22T09:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    payload,
  } as FulfillmentStationEvent;
}

const fullFlow = () => [
  ev('fulfillment-order-claimed', {}),
  ev('item-verified', { lineId: LINE_A, barcode: '111', quantity: 1 }),
  ev('item-verified', { lineId: LINE_A, barcode: '111', quantity: 1 }),
  ev('item-verified', { lineId: LINE_B, barcode: '222', quantity: 1 }),
  ev('package-created', {
    packageId: PKG,
    contents: [
      { lineId: LINE_A, quantity: 2 },
      { lineId: LINE_B, quantity: 1 },
    ],
    weightGrams: 800,
  }),
  ev('label-printed', {
    packageId: PKG,
    printJobId: crypto.randomUUID(),
    format: 'zpl',
    sscc: '006141410000000018',
    trackingNumber: null,
    carrier: null,
  }),
  ev('package-shipped', { packageId: PKG }),
];

describe('fulfillment reducer', () => {
  it('folds claim → verify → package → label → ship into a closed fulfillment order', () => {
    const view = foldStationView(doc(), fullFlow(), STATION);
    expect(view.refused).toEqual([]);
    expect(view.doc.status).toBe('closed');
    expect(view.doc.lines.map((l) => [l.verified, l.packed, l.shipped])).toEqual([
      [2, 2, 2],
      [1, 1, 1],
    ]);
    expect(view.doc.packages[0]).toMatchObject({ status: 'shipped', sscc: '006141410000000018', weightGrams: 800 });
  });

  it('is deterministic: the same events in any arrival order give the same document', () => {
    const events = fullFlow();
    const a = foldStationView(doc(), events, STATION).doc;
    const b = foldStationView(doc(), [...events].reverse(), STATION).doc;
    const c = foldStationView(doc(), [events[3]!, events[0]!, ...events.slice(4), events[1]!, events[2]!], STATION).doc;
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('never mutates the document it is given', () => {
    const original = doc();
    const frozen = structuredClone(original);
    applyStationEvent(original, ev('fulfillment-order-claimed', {}));
    expect(original).toEqual(frozen);
  });

  it('skips events the server already reflected (appliedSeq) and keeps other stations out', () => {
    const events = fullFlow();
    const claimed = applyStationEvent(doc(), events[0]!);
    expect(claimed.ok).toBe(true);
    const server = { ...(claimed as { doc: FulfillmentDocument }).doc, appliedSeq: { [STATION]: events[0]!.seq } };
    const view = foldStationView(server, events, STATION);
    expect(view.pending.map((e) => e.seq)).toEqual(events.slice(1).map((e) => e.seq));
    expect(foldStationView(server, events, OTHER).pending).toEqual([]);
  });

  it("folds a device's unacknowledged event even below a seq another device of the station already had applied", () => {
    const [claim, scanA, scanB] = fullFlow();
    // Device 1 drew seq n+1 and n+2, device 2 pushed n+2 first: the server applied up to n+2.
    const claimed = (applyStationEvent(doc(), claim!) as { doc: FulfillmentDocument }).doc;
    const server = { ...(applyStationEvent(claimed, scanB!) as { doc: FulfillmentDocument }).doc, appliedSeq: { [STATION]: scanB!.seq } };
    expect(foldStationView(server, [scanA!], STATION).doc.lines[0]!.verified).toBe(1);
    const view = foldStationView(server, [scanA!], STATION, (e) => e.id === scanA!.id);
    expect(view.pending.map((e) => e.id)).toEqual([scanA!.id]);
    expect(view.doc.lines[0]!.verified).toBe(2);
  });

  it("refuses over-scans, unverified packing and work at someone else's claim, with codes", () => {
    const claimed = (applyStationEvent(doc(), ev('fulfillment-order-claimed', {})) as { doc: FulfillmentDocument }).doc;
    expect(applyStationEvent(claimed, ev('item-verified', { lineId: LINE_B, barcode: '222', quantity: 2 }))).toMatchObject({
      ok: false,
      code: 'line_over_verified',
    });
    expect(
      applyStationEvent(claimed, ev('package-created', { packageId: PKG, contents: [{ lineId: LINE_A, quantity: 1 }], weightGrams: null })),
    ).toMatchObject({ ok: false, code: 'line_not_verified' });
    expect(applyStationEvent(claimed, ev('item-verified', { lineId: LINE_A, barcode: '111', quantity: 1 }, OTHER))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_in_progress_elsewhere',
    });
    expect(applyStationEvent(doc({ status: 'cancelled' }), ev('fulfillment-order-claimed', {}))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_status_final',
    });
    expect(applyStationEvent(doc({ status: 'on_hold', holds: ['incorrect_address'] }), ev('fulfillment-order-claimed', {}))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_on_hold',
    });
    expect(applyStationEvent(claimed, ev('package-shipped', { packageId: PKG }))).toMatchObject({ ok: false, code: 'package_not_found' });
  });

  it('packs no more units than the order wants now, even with more scanned (units cancelled after their scan)', () => {
    const claimed = (applyStationEvent(doc(), ev('fulfillment-order-claimed', {})) as { doc: FulfillmentDocument }).doc;
    const cut = { ...claimed, lines: claimed.lines.map((l) => (l.lineId === LINE_A ? { ...l, quantity: 1, verified: 2 } : l)) };
    const box = (quantity: number) =>
      ev('package-created', { packageId: PKG, contents: [{ lineId: LINE_A, quantity }], weightGrams: null });
    expect(applyStationEvent(cut, box(2))).toEqual({
      ok: false,
      code: 'line_over_quantity',
      message: 'A: only 1 more is wanted now: put the extra back',
    });
    expect(applyStationEvent(cut, box(1))).toMatchObject({ ok: true });
  });

  it("accepts a box of exactly a line's unitsToPack, the station's next box, and refuses one more", () => {
    const claimed = (applyStationEvent(doc(), ev('fulfillment-order-claimed', {})) as { doc: FulfillmentDocument }).doc;
    const box = (quantity: number) =>
      ev('package-created', { packageId: PKG, contents: [{ lineId: LINE_A, quantity }], weightGrams: null });
    // [quantity, verified, packed, room]: scanned short of, equal to and past what the order still wants.
    for (const [quantity, verified, packed, expected] of [
      [3, 2, 0, 2],
      [3, 3, 1, 2],
      [2, 4, 0, 2],
      [2, 4, 1, 1],
    ] as const) {
      const line = { ...claimed.lines.find((l) => l.lineId === LINE_A)!, quantity, verified, packed };
      const at = { ...claimed, lines: claimed.lines.map((l) => (l.lineId === LINE_A ? line : l)) };
      const room = unitsToPack(line);
      expect(room).toBe(expected);
      expect(applyStationEvent(at, box(room))).toMatchObject({ ok: true });
      expect(applyStationEvent(at, box(room + 1))).toMatchObject({ ok: false });
    }
  });

  it('ships a split order as two packages and closes only when every unit shipped', () => {
    const P2 = '99999999-9999-4999-8999-999999999999';
    const events = [
      ev('fulfillment-order-claimed', {}),
      ev('item-verified', { lineId: LINE_A, barcode: '111', quantity: 2 }),
      ev('package-created', { packageId: PKG, contents: [{ lineId: LINE_A, quantity: 2 }], weightGrams: null }),
      ev('label-printed', {
        packageId: PKG,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: null,
        trackingNumber: null,
        carrier: null,
      }),
      ev('package-shipped', { packageId: PKG }),
    ];
    const half = foldStationView(doc(), events, STATION).doc;
    expect(half.status).toBe('in_progress');
    const rest = [
      ev('item-verified', { lineId: LINE_B, barcode: '222', quantity: 1 }),
      ev('package-created', { packageId: P2, contents: [{ lineId: LINE_B, quantity: 1 }], weightGrams: null }),
      ev('label-printed', {
        packageId: P2,
        printJobId: crypto.randomUUID(),
        format: 'zpl',
        sscc: null,
        trackingNumber: null,
        carrier: null,
      }),
      ev('package-shipped', { packageId: P2 }),
    ];
    const done = foldStationView(doc(), [...events, ...rest], STATION).doc;
    expect(done.status).toBe('closed');
    expect(done.packages.map((p) => p.status)).toEqual(['shipped', 'shipped']);
  });
});
