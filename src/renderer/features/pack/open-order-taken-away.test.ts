import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fulfillmentDoc, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import { useStation } from '../../app/station-store';
import { takenAwayMessage, watchOpenOrderTakenAway } from './open-order-taken-away';
import { openOrderScreen } from './testing/open-order-screen';

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

describe('watching the open order for being taken away', () => {
  const held = fulfillmentDoc({ status: 'in_progress', claimedBy: STATION, lease: lease('Pack 1') });
  /** The server's copy as last pulled: still in the pool, from before this station's claim. */
  const pulledBeforeTheClaim = { ...held, status: 'open' as const, claimedBy: null, lease: null };
  const settled = () => new Promise((r) => setTimeout(r, 0));
  // Test files share one store (vitest runs them without isolation): start from a screen with nothing said.
  beforeEach(() => useStation.setState(useStation.getInitialState(), true));
  afterEach(() => useStation.setState(useStation.getInitialState(), true));

  it('says nothing when the order ships here before its claim has been pulled back, and keeps it open', async () => {
    const { openView, show } = openOrderScreen();
    const stop = watchOpenOrderTakenAway(openView, STATION, async () => pulledBeforeTheClaim);
    useStation.getState().openOrder(held.id);
    show(held);
    // Shipped: this station's own events close it while the stored copy is still the pool's.
    show({ ...held, status: 'closed' });
    await settled();
    expect(useStation.getState().message).toBeNull();
    expect(useStation.getState().openFulfillmentOrderId).toBe(held.id);
    stop();
  });

  it('says it and closes the order when the server takes it back to the pool', async () => {
    const { openView, show } = openOrderScreen();
    const stop = watchOpenOrderTakenAway(openView, STATION, async () => pulledBeforeTheClaim);
    useStation.getState().openOrder(held.id);
    show(held);
    show(pulledBeforeTheClaim);
    await settled();
    expect(useStation.getState().message).toMatchObject({ kind: 'error', text: takenAwayMessage(pulledBeforeTheClaim, STATION) });
    expect(useStation.getState().openFulfillmentOrderId).toBeNull();
    stop();
  });
});
