import { describe, expect, it } from 'vitest';
import { fulfillmentDoc, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import { takenAwayMessage } from './open-order-taken-away';

const OTHER = crypto.randomUUID();
const lease = (stationName: string) => ({ stationName, expiresAt: '2026-12-06T08:00:00.000Z' });

describe('the open order taken away from this station', () => {
  it('says where it went and what to do, for each way it can go', () => {
    const held = fulfillmentDoc({ status: 'in_progress', claimedBy: STATION, lease: lease('Pack 1') });
    const n = held.orderNumber;
    expect(takenAwayMessage(held, STATION)).toBeNull();
    expect(takenAwayMessage({ ...held, claimedBy: OTHER, lease: lease('Pack 2') }, STATION)).toBe(
      `${n} was moved to Pack 2: put back any items you scanned for it`,
    );
    expect(takenAwayMessage({ ...held, status: 'open', claimedBy: null, lease: null }, STATION)).toBe(
      `${n} is no longer held by this station: put back any items you scanned for it`,
    );
    expect(takenAwayMessage({ ...held, status: 'on_hold', holds: ['incorrect_address'] }, STATION)).toBe(
      `${n} was put on hold (incorrect address): put it aside`,
    );
    expect(takenAwayMessage({ ...held, status: 'cancelled' }, STATION)).toBe(`${n} was cancelled: do not pack it, put its items back`);
  });

  it('says nothing of an order that shipped here', () => {
    const held = fulfillmentDoc({ status: 'closed', claimedBy: STATION, lease: lease('Pack 1') });
    expect(takenAwayMessage(held, STATION)).toBeNull();
  });
});
