import { describe, expect, it } from 'vitest';
import type { FulfillmentAdminEvent } from '../events/fulfillment-admin-events';
import type { FulfillmentDocument } from './fulfillment-document';
import { applyFulfillmentAdminEvent, applyPackageShipped } from './fulfillment-admin';

const WH = '11111111-1111-4111-8111-111111111111';
const WH2 = '22222222-2222-4222-8222-222222222222';
const ST = '33333333-3333-4333-8333-333333333333';
const ST2 = '44444444-4444-4444-8444-444444444444';
const L1 = '55555555-5555-4555-8555-555555555555';
const L2 = '66666666-6666-4666-8666-666666666666';

function doc(over: Partial<FulfillmentDocument> = {}): FulfillmentDocument {
  return {
    id: '77777777-7777-4777-8777-777777777777',
    orderId: '88888888-8888-4888-8888-888888888888',
    orderNumber: 'ORD-20260101-00001',
    warehouseId: WH,
    status: 'open',
    holds: [],
    claimedBy: null,
    customerName: 'Ada',
    shipTo: { name: 'Ada', line1: '1 Road', city: 'London', country: 'GB' },
    lines: [
      { lineId: L1, sku: 'MUG', barcode: null, name: 'Mug', quantity: 2, verified: 0, packed: 0, shipped: 0 },
      { lineId: L2, sku: 'TEE', barcode: null, name: 'Tee', quantity: 1, verified: 0, packed: 0, shipped: 0 },
    ],
    packages: [],
    appliedSeq: {},
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

type Payloads = { [E in FulfillmentAdminEvent as E['type']]: E['payload'] };
function ev<T extends keyof Payloads>(
  d: FulfillmentDocument,
  type: T,
  payload: Payloads[T],
  stationId: string | null = null,
): FulfillmentAdminEvent {
  return {
    id: crypto.randomUUID(),
    fulfillmentOrderId: d.id,
    orderId: d.orderId,
    actor: { kind: 'api', id: 'sup' },
    stationId,
    occurredAt: '2026-01-02T00:00:00.000Z',
    type,
    payload,
  } as FulfillmentAdminEvent;
}

function ok(r: ReturnType<typeof applyFulfillmentAdminEvent>): FulfillmentDocument {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.doc;
}

describe('holds', () => {
  it('holds for several reasons at once, adds reasons, and releases back to the prior work state', () => {
    const claimed = doc({ status: 'in_progress', claimedBy: ST });
    const held = ok(
      applyFulfillmentAdminEvent(
        claimed,
        ev(claimed, 'fulfillment-order-held', { reasons: ['incorrect_address', 'supervisor'], note: null }),
      ),
    );
    expect(held).toMatchObject({ status: 'on_hold', holds: ['incorrect_address', 'supervisor'], claimedBy: ST });
    const more = ok(
      applyFulfillmentAdminEvent(held, ev(held, 'fulfillment-order-held', { reasons: ['supervisor', 'high_risk_of_fraud'], note: null })),
    );
    expect(more.holds).toEqual(['incorrect_address', 'supervisor', 'high_risk_of_fraud']);
    const partly = ok(applyFulfillmentAdminEvent(more, ev(more, 'fulfillment-order-released', { reasons: ['supervisor'], note: null })));
    expect(partly).toMatchObject({ status: 'on_hold', holds: ['incorrect_address', 'high_risk_of_fraud'] });
    const released = ok(applyFulfillmentAdminEvent(partly, ev(partly, 'fulfillment-order-released', { reasons: null, note: 'checked' })));
    expect(released).toMatchObject({ status: 'in_progress', holds: [], claimedBy: ST });
    const open = doc();
    const heldOpen = ok(applyFulfillmentAdminEvent(open, ev(open, 'fulfillment-order-held', { reasons: ['other'], note: null })));
    expect(ok(applyFulfillmentAdminEvent(heldOpen, ev(heldOpen, 'fulfillment-order-released', { reasons: null, note: null }))).status).toBe(
      'open',
    );
  });

  it('refuses to release what is not held, and to hold a closed order', () => {
    const open = doc();
    expect(applyFulfillmentAdminEvent(open, ev(open, 'fulfillment-order-released', { reasons: null, note: null }))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_not_on_hold',
    });
    const held = doc({ status: 'on_hold', holds: ['other'] });
    expect(applyFulfillmentAdminEvent(held, ev(held, 'fulfillment-order-released', { reasons: ['supervisor'], note: null }))).toMatchObject(
      { ok: false, code: 'hold_reason_not_present' },
    );
    const closed = doc({ status: 'closed' });
    expect(applyFulfillmentAdminEvent(closed, ev(closed, 'fulfillment-order-held', { reasons: ['other'], note: null }))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_status_final',
    });
  });
});

describe('assignment and moves', () => {
  it('assigns an open order to a station on lease terms, refuses when held elsewhere unless taken over, and unclaims', () => {
    const open = doc();
    const terms = (stationId: string, takeover = false) => ({
      stationId,
      stationName: stationId === ST ? 'Pack 1' : 'Pack 2',
      expiresAt: '2026-01-02T08:00:00.000Z',
      takeover,
    });
    const assigned = ok(applyFulfillmentAdminEvent(open, ev(open, 'fulfillment-order-assigned', terms(ST))));
    expect(assigned).toMatchObject({
      status: 'in_progress',
      claimedBy: ST,
      lease: { stationName: 'Pack 1', expiresAt: '2026-01-02T08:00:00.000Z' },
    });
    expect(applyFulfillmentAdminEvent(assigned, ev(assigned, 'fulfillment-order-assigned', terms(ST2)))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_in_progress_elsewhere',
      message: 'ORD-20260101-00001 is being packed at Pack 1',
    });
    const renewed = ok(
      applyFulfillmentAdminEvent(
        assigned,
        ev(assigned, 'fulfillment-order-assigned', { ...terms(ST), expiresAt: '2026-01-03T08:00:00.000Z' }),
      ),
    );
    expect(renewed).toMatchObject({ status: 'in_progress', claimedBy: ST, lease: { expiresAt: '2026-01-03T08:00:00.000Z' } });
    const moved = ok(applyFulfillmentAdminEvent(assigned, ev(assigned, 'fulfillment-order-assigned', terms(ST2, true))));
    expect(moved).toMatchObject({ status: 'in_progress', claimedBy: ST2, lease: { stationName: 'Pack 2' } });
    const unclaimed = ok(applyFulfillmentAdminEvent(assigned, ev(assigned, 'fulfillment-order-unclaimed', { reason: 'shift over' })));
    expect(unclaimed).toMatchObject({ status: 'open', claimedBy: null, lease: null });
    expect(applyFulfillmentAdminEvent(unclaimed, ev(unclaimed, 'fulfillment-order-unclaimed', { reason: 'x' }))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_not_claimed',
    });
    const held = doc({ status: 'on_hold', holds: ['other'] });
    expect(ok(applyFulfillmentAdminEvent(held, ev(held, 'fulfillment-order-assigned', terms(ST))))).toMatchObject({
      status: 'on_hold',
      claimedBy: ST,
    });
    const closed = doc({ status: 'closed' });
    expect(applyFulfillmentAdminEvent(closed, ev(closed, 'fulfillment-order-assigned', terms(ST))).ok).toBe(false);
  });

  it('gives a new holder no loose scans: units scanned and not boxed at the last holder are scanned again, boxed ones stay', () => {
    const terms = (stationId: string, takeover: boolean) => ({
      stationId,
      stationName: stationId === ST ? 'Pack 1' : 'Pack 2',
      expiresAt: '2026-01-02T08:00:00.000Z',
      takeover,
    });
    const worked = doc({
      status: 'in_progress',
      claimedBy: ST,
      lease: { stationName: 'Pack 1', expiresAt: '2026-01-02T08:00:00.000Z' },
      lines: [
        { lineId: L1, sku: 'MUG', barcode: null, name: 'Mug', quantity: 2, verified: 2, packed: 1, shipped: 0 },
        {
          lineId: L2,
          sku: 'TEE',
          barcode: null,
          name: 'Tee',
          quantity: 1,
          verified: 1,
          packed: 0,
          shipped: 0,
          tracking: 'lot',
          captured: [{ serial: null, lot: 'L-1', expiry: null, quantity: 1 }],
        },
      ],
    });
    const moved = ok(applyFulfillmentAdminEvent(worked, ev(worked, 'fulfillment-order-assigned', terms(ST2, true))));
    expect(moved.lines.map((l) => [l.sku, l.verified, l.packed, l.captured ?? null])).toEqual([
      ['MUG', 1, 1, null],
      ['TEE', 0, 0, []],
    ]);
    // Its own terms renewed (or a claim of its own): the scans stay with the station that made them.
    const renewed = ok(applyFulfillmentAdminEvent(worked, ev(worked, 'fulfillment-order-assigned', terms(ST, false))));
    expect(renewed.lines.map((l) => l.verified)).toEqual([2, 1]);
    // From the pool (its last holder gave it back or its lease ran out): the next station starts clean.
    const pooled = { ...worked, status: 'open' as const, claimedBy: null, lease: null };
    const taken = ok(applyFulfillmentAdminEvent(pooled, ev(pooled, 'fulfillment-order-assigned', terms(ST2, false))));
    expect(taken.lines.map((l) => l.verified)).toEqual([1, 0]);
  });

  it('moves an untouched order to another warehouse, but not one in progress or already worked on', () => {
    const open = doc({ claimedBy: null });
    const moved = ok(
      applyFulfillmentAdminEvent(open, ev(open, 'fulfillment-order-moved', { fromWarehouseId: WH, toWarehouseId: WH2, reason: 'stock' })),
    );
    expect(moved).toMatchObject({ warehouseId: WH2, status: 'open' });
    const busy = doc({ status: 'in_progress', claimedBy: ST });
    expect(
      applyFulfillmentAdminEvent(busy, ev(busy, 'fulfillment-order-moved', { fromWarehouseId: WH, toWarehouseId: WH2, reason: '' })),
    ).toMatchObject({ ok: false, code: 'fulfillment_order_in_progress_elsewhere' });
    const picked = doc({ lines: doc().lines.map((l) => ({ ...l, verified: 1 })) });
    expect(
      applyFulfillmentAdminEvent(picked, ev(picked, 'fulfillment-order-moved', { fromWarehouseId: WH, toWarehouseId: WH2, reason: '' })),
    ).toMatchObject({ ok: false, code: 'fulfillment_order_work_started' });
    expect(
      applyFulfillmentAdminEvent(open, ev(open, 'fulfillment-order-moved', { fromWarehouseId: WH, toWarehouseId: WH, reason: '' })),
    ).toMatchObject({ ok: false, code: 'fulfillment_order_same_warehouse' });
  });
});

describe('packages through the API', () => {
  const pkg = '99999999-9999-4999-8999-999999999999';
  const record = (d: FulfillmentDocument, quantity = 2, stationId: string | null = null) =>
    applyFulfillmentAdminEvent(
      d,
      ev(d, 'package-recorded', { packageId: pkg, contents: [{ lineId: L1, quantity }], weightGrams: 500 }, stationId),
    );

  it('records a package on an open order, starting the work and counting packed units', () => {
    const d = ok(record(doc()));
    expect(d.status).toBe('in_progress');
    expect(d.lines[0]).toMatchObject({ packed: 2, verified: 2 });
    expect(d.packages[0]).toMatchObject({ id: pkg, status: 'packing', weightGrams: 500 });
    expect(record(d)).toMatchObject({ ok: false, code: 'package_exists' });
  });

  it("refuses over-packing, unknown lines, holds and another station's work", () => {
    expect(record(doc(), 3)).toMatchObject({ ok: false, code: 'line_over_packed' });
    expect(record(doc({ status: 'on_hold', holds: ['other'] }))).toMatchObject({ ok: false, code: 'fulfillment_order_on_hold' });
    expect(record(doc({ status: 'in_progress', claimedBy: ST }))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_in_progress_elsewhere',
    });
    expect(record(doc({ status: 'in_progress', claimedBy: ST }), 2, ST).ok).toBe(true);
    expect(record(doc({ status: 'cancelled' }))).toMatchObject({ ok: false, code: 'fulfillment_order_cancelled' });
    const d = doc();
    expect(
      applyFulfillmentAdminEvent(
        d,
        ev(d, 'package-recorded', { packageId: pkg, contents: [{ lineId: pkg, quantity: 1 }], weightGrams: null }),
      ),
    ).toMatchObject({ ok: false, code: 'line_not_in_fulfillment_order' });
  });

  it('relabels a shipped parcel with a new SSCC, keeping its status and label, and refuses one whose SSCC changed since', () => {
    const [old, fresh, other] = ['006141410000000012', '006141415000000017', '006141415000000024'];
    let d = ok(record(doc()));
    d = ok(
      applyFulfillmentAdminEvent(
        d,
        ev(d, 'package-labelled', { packageId: pkg, printJobId: null, format: 'zpl', sscc: old, trackingNumber: '1Z999', carrier: 'UPS' }),
      ),
    );
    d = ok(
      applyPackageShipped(d, { packageId: pkg, occurredAt: '2026-01-03T00:00:00.000Z', actor: { kind: 'api', id: 'x' }, stationId: null }),
    );
    const relabel = ev(d, 'package-relabelled', { packageId: pkg, previousSscc: old, sscc: fresh, stationName: 'Supervisor desk' });
    d = ok(applyFulfillmentAdminEvent(d, { ...relabel, actor: { kind: 'user', id: 'sup', name: 'Sam' } }));
    expect(d.packages[0]).toMatchObject({ sscc: fresh, status: 'shipped', trackingNumber: '1Z999', carrier: 'UPS' });
    // The parcel keeps what became of its old label, for the stations that still hold it to void.
    expect(d.packages[0]!.relabels).toEqual([
      { previousSscc: old, sscc: fresh, by: 'Sam', stationName: 'Supervisor desk', at: '2026-01-02T00:00:00.000Z' },
    ]);
    // Decided on the old SSCC: another relabel got there first.
    expect(applyFulfillmentAdminEvent(d, ev(d, 'package-relabelled', { packageId: pkg, previousSscc: old, sscc: other }))).toMatchObject({
      ok: false,
      code: 'package_sscc_changed',
    });
  });

  it('labels, ships through the station rules, tracks to delivery and refuses moves the package machine forbids', () => {
    let d = ok(record(doc()));
    d = ok(
      applyFulfillmentAdminEvent(
        d,
        ev(d, 'package-labelled', { packageId: pkg, printJobId: null, format: 'pdf', sscc: null, trackingNumber: '1Z999', carrier: 'UPS' }),
      ),
    );
    expect(d.packages[0]).toMatchObject({ status: 'labelled', trackingNumber: '1Z999', carrier: 'UPS', labelFormat: 'pdf' });
    const shipped = applyPackageShipped(d, {
      packageId: pkg,
      occurredAt: '2026-01-03T00:00:00.000Z',
      actor: { kind: 'api', id: 'x' },
      stationId: null,
    });
    d = ok(shipped);
    expect(d.lines[0]!.shipped).toBe(2);
    expect(d.status).toBe('in_progress');
    expect(d.packages[0]!.shippedAt).toBe('2026-01-03T00:00:00.000Z');
    expect(applyFulfillmentAdminEvent(d, ev(d, 'package-voided', { packageId: pkg, reason: 'x' }))).toMatchObject({
      ok: false,
      code: 'package_transition_forbidden',
    });
    d = ok(
      applyFulfillmentAdminEvent(d, ev(d, 'package-tracking-updated', { packageId: pkg, status: 'in_transit', trackingNumber: null })),
    );
    d = ok(applyFulfillmentAdminEvent(d, ev(d, 'package-tracking-updated', { packageId: pkg, status: 'delivered', trackingNumber: null })));
    expect(d.packages[0]!.status).toBe('delivered');
    expect(
      applyFulfillmentAdminEvent(d, ev(d, 'package-tracking-updated', { packageId: pkg, status: 'in_transit', trackingNumber: null })),
    ).toMatchObject({ ok: false, code: 'package_status_final' });
  });

  it('closes the order when the last unit ships', () => {
    let d = ok(
      applyFulfillmentAdminEvent(
        doc(),
        ev(doc(), 'package-recorded', {
          packageId: pkg,
          contents: [
            { lineId: L1, quantity: 2 },
            { lineId: L2, quantity: 1 },
          ],
          weightGrams: null,
        }),
      ),
    );
    d = ok(
      applyFulfillmentAdminEvent(
        d,
        ev(d, 'package-labelled', { packageId: pkg, printJobId: null, format: 'zpl', sscc: null, trackingNumber: null, carrier: null }),
      ),
    );
    d = ok(
      applyPackageShipped(d, { packageId: pkg, occurredAt: '2026-01-03T00:00:00.000Z', actor: { kind: 'api', id: 'x' }, stationId: null }),
    );
    expect(d.status).toBe('closed');
  });

  it('voids a package and takes its units out of the packed count', () => {
    let d = ok(record(doc()));
    d = ok(applyFulfillmentAdminEvent(d, ev(d, 'package-voided', { packageId: pkg, reason: 'crushed box' })));
    expect(d.packages[0]!.status).toBe('voided');
    expect(d.lines[0]).toMatchObject({ packed: 0, verified: 2 });
    expect(applyFulfillmentAdminEvent(d, ev(d, 'package-voided', { packageId: pkg, reason: 'again' }))).toMatchObject({
      ok: false,
      code: 'package_status_final',
    });
  });

  it('never mutates the document it was given', () => {
    const d = doc();
    const before = JSON.stringify(d);
    record(d);
    applyFulfillmentAdminEvent(d, ev(d, 'fulfillment-order-held', { reasons: ['other'], note: null }));
    expect(JSON.stringify(d)).toBe(before);
  });
});
