import { describe, expect, it } from 'vitest';
import { freshLine, fulfillmentDoc, LINE_A, OTHER_STATION, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { orderMovedFromTote, toteMovedAwayMessage } from './tote-moved-away';

const lease = (stationName: string) => ({ stationName, expiresAt: '2026-12-06T08:00:00.000Z' });
const inTote = fulfillmentDoc({
  status: 'in_progress',
  claimedBy: STATION,
  lease: lease('Pack 1'),
  lines: [freshLine(LINE_A, 'A', '111', 'Mug', 2, { picked: 2, totes: ['T-03'] })],
});
const n = inTote.orderNumber;

describe('a tote whose order this station no longer holds', () => {
  it('names the order it holds, where that went, and what to do with the tote', () => {
    expect(toteMovedAwayMessage('T-03', { ...inTote, claimedBy: OTHER_STATION, lease: lease('Pack 2') }, STATION)).toBe(
      `T-03 holds ${n}, which was moved to Pack 2: take the tote there, do not pack it here`,
    );
    expect(toteMovedAwayMessage('T-03', { ...inTote, status: 'open', claimedBy: null, lease: null }, STATION)).toBe(
      `T-03 holds ${n}, which is no longer held by this station: scan ${n} to take it again, or set the tote aside`,
    );
    expect(toteMovedAwayMessage('T-03', { ...inTote, status: 'on_hold', holds: ['incorrect_address'] }, STATION)).toBe(
      `T-03 holds ${n}, which was put on hold (incorrect address): set the tote aside`,
    );
    expect(toteMovedAwayMessage('T-03', { ...inTote, status: 'cancelled' }, STATION)).toBe(
      `T-03 holds ${n}, which was cancelled: do not pack it, put its items back`,
    );
  });

  it('says nothing of an order still held here, or shipped', () => {
    expect(toteMovedAwayMessage('T-03', inTote, STATION)).toBeNull();
    expect(toteMovedAwayMessage('T-03', { ...inTote, status: 'closed' }, STATION)).toBeNull();
  });
});

describe("finding a tote's order among the orders stored here", () => {
  const stationWith = (docs: FulfillmentDocument[], picks: { subjectId: string; tote: string }[] = []) =>
    ({
      stationId: STATION,
      db: {
        outbox: {
          find: () => ({ exec: async () => picks.map((p) => ({ subjectId: p.subjectId, toJSON: () => ({ payload: { tote: p.tote } }) })) }),
        },
        fulfillment_orders: { find: () => ({ exec: async () => docs.map((d) => ({ toJSON: () => d })) }) },
      },
    }) as unknown as StationRuntime;
  const moved = { ...inTote, claimedBy: OTHER_STATION, lease: lease('Pack 2') };

  it('finds the order the tote was filled for last, when it is no longer held here', async () => {
    const older = { ...moved, id: crypto.randomUUID(), status: 'open' as const, claimedBy: null, updatedAt: '2026-11-01T08:00:00.000Z' };
    expect((await orderMovedFromTote(stationWith([older, moved]), ' T-03 '))?.id).toBe(moved.id);
    expect(await orderMovedFromTote(stationWith([inTote]), 'T-03')).toBeNull();
    expect(await orderMovedFromTote(stationWith([moved]), 'T-04')).toBeNull();
    // An item barcode is no tote, whatever a line's totes say.
    const gtinTote = { ...moved, lines: moved.lines.map((l) => ({ ...l, totes: ['5012345678900'] })) };
    expect(await orderMovedFromTote(stationWith([gtinTote]), '5012345678900')).toBeNull();
  });

  it("counts this station's picks into the tote that the server refused (the order had moved)", async () => {
    const withoutTote = { ...moved, lines: moved.lines.map((l) => ({ ...l, picked: 0, totes: [] })) };
    expect((await orderMovedFromTote(stationWith([withoutTote], [{ subjectId: moved.id, tote: 'T-03' }]), 'T-03'))?.id).toBe(moved.id);
  });
});
