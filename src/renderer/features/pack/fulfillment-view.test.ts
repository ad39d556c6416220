import { describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { OutboxDocument } from '../../db/schemas';
import { freshLine, fulfillmentDoc, LINE_A, LINE_B } from '../../../shared/sync/testing/fulfillment-fixtures';
import { unpackedVerified, viewOf } from './fulfillment-view';
import { hasSomethingToShip } from './ship-flow';

const STATION = '11111111-1111-4111-8111-111111111111';
const LINE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const doc: FulfillmentDocument = {
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  orderNumber: 'ORD-20261202-00001',
  warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  status: 'in_progress',
  holds: [],
  claimedBy: STATION,
  customerName: 'Ada',
  shipTo: { name: 'Ada', line1: '1 Road', city: 'London', country: 'GB' },
  lines: [{ lineId: LINE, sku: 'A', barcode: '111', name: 'Mug', quantity: 3, verified: 0, packed: 0, shipped: 0 }],
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
};
const scan = (seq: number, state: OutboxDocument['state'], outcomeCode: string | null = null): OutboxDocument =>
  ({
    id: crypto.randomUUID(),
    seq,
    stationId: STATION,
    type: 'item-verified',
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'user', id: crypto.randomUUID() },
    occurredAt: '2026-12-02T08:01:00.000Z',
    payload: { lineId: LINE, barcode: '111', quantity: 1 },
    state,
    outcomeCode,
    outcomeMessage: null,
    ackedAt: null,
  }) as OutboxDocument;

describe("the station's view of a fulfillment order", () => {
  it('counts pending, applied and applied-but-flagged work, not what the server refused or could not apply', () => {
    const view = viewOf(
      doc,
      [
        scan(1, 'pending'),
        scan(2, 'applied'),
        scan(3, 'conflicted', 'actor_not_authorized'),
        scan(4, 'conflicted', 'fulfillment_order_cancelled'),
        scan(5, 'rejected', 'unknown_actor'),
      ],
      STATION,
    );
    expect(view.doc.lines[0]!.verified).toBe(3);
  });

  it("keeps an acknowledged event below another device's applied seq until the stored copy is at the version that holds it", () => {
    // Device B's scan (seq 26) reached the server first; device A's (seq 4) was applied after, in version 3.
    const acknowledged = { ...scan(4, 'applied'), reflectedInVersion: 3 };
    const older = { ...doc, version: 2, appliedSeq: { [STATION]: 26 }, lines: [{ ...doc.lines[0]!, verified: 1 }] };
    expect(viewOf(older, [acknowledged], STATION).doc.lines[0]!.verified).toBe(2);
    // The copy that holds it: not counted twice.
    const holding = { ...older, version: 3, lines: [{ ...doc.lines[0]!, verified: 2 }] };
    expect(viewOf(holding, [acknowledged], STATION).doc.lines[0]!.verified).toBe(2);
    // Answered by a server that gives no version: the seq decides, as before.
    expect(viewOf(older, [{ ...acknowledged, reflectedInVersion: null }], STATION).doc.lines[0]!.verified).toBe(1);
  });

  it('counts as not yet on the server only the events the server has not answered', () => {
    // Seq 4 is acknowledged in version 3 (the copy here is at 2), seq 30 and 31 still wait to be sent.
    const older = { ...doc, version: 2, appliedSeq: { [STATION]: 26 } };
    const view = viewOf(older, [{ ...scan(4, 'applied'), reflectedInVersion: 3 }, scan(30, 'pending'), scan(31, 'pending')], STATION);
    expect(view.pending.map((e) => e.seq)).toEqual([4, 30, 31]);
    expect(view.unsent).toBe(2);
    // The copy at version 3 holds seq 4; one scan is still to be sent.
    expect(viewOf({ ...older, version: 3 }, [{ ...scan(4, 'applied'), reflectedInVersion: 3 }, scan(30, 'pending')], STATION).unsent).toBe(
      1,
    );
  });
});

describe('what the next package holds', () => {
  it('holds no more units than the order still wants, however many were scanned', () => {
    const lines = [
      freshLine(LINE_A, 'A', '111', 'Mug', 1, { verified: 3 }),
      freshLine(LINE_B, 'B', '222', 'Tee', 2, { verified: 2, packed: 1 }),
    ];
    const doc = fulfillmentDoc({ status: 'in_progress', claimedBy: STATION, lines });
    expect(unpackedVerified(doc)).toEqual([
      { lineId: LINE_A, quantity: 1 },
      { lineId: LINE_B, quantity: 1 },
    ]);
    // Once what is wanted is packed, nothing more ships, whatever is still counted as scanned.
    const packed = { ...doc, lines: doc.lines.map((l) => ({ ...l, packed: l.quantity })) };
    expect(unpackedVerified(packed)).toEqual([]);
    expect(hasSomethingToShip(packed)).toBe(false);
  });
});
