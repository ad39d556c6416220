import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldStationView } from '../../../shared/sync/fold-view';
import type { FulfillmentStationEvent } from '../../../shared/events/station-events';
import { fulfillmentDoc, freshLine, LINE_A, LINE_B, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import { useStation } from '../../app/station-store';
import { fewerWantedMessage, linesWanted, watchFewerWanted } from './fewer-wanted';
import { openOrderScreen } from './testing/open-order-screen';

const N = 'ORD-20261122-00001';
const mug = (wanted: number, scanned: number) => ({ sku: 'A', name: 'Mug', wanted, scanned });
const tee = (wanted: number, scanned: number) => ({ sku: 'B', name: 'Tee', wanted, scanned });

describe('a line of the open order that now wants fewer units', () => {
  it('names the item, how many fewer, and what to put back', () => {
    const before = new Map([[LINE_A, mug(3, 3)]]);
    expect(fewerWantedMessage(N, before, new Map([[LINE_A, mug(1, 1)]]))).toBe(`${N} now wants 1 Mug (A), 2 fewer: 3 scanned, put 2 back.`);
    // Nothing scanned beyond what is wanted now: nothing goes back.
    expect(fewerWantedMessage(N, new Map([[LINE_A, mug(3, 1)]]), new Map([[LINE_A, mug(1, 1)]]))).toBe(
      `${N} now wants 1 Mug (A), 2 fewer (1 scanned).`,
    );
  });

  it('says a line taken off entirely, and each line that changed', () => {
    const before = new Map([
      [LINE_A, mug(2, 1)],
      [LINE_B, tee(2, 2)],
    ]);
    expect(fewerWantedMessage(N, before, new Map([[LINE_B, tee(1, 1)]]))).toBe(
      `${N} no longer wants Mug (A) (2 fewer): 1 scanned, put 1 back. ${N} now wants 1 Tee (B), 1 fewer: 2 scanned, put 1 back.`,
    );
  });

  it('says nothing when no line wants fewer', () => {
    const before = new Map([[LINE_A, mug(2, 0)]]);
    expect(fewerWantedMessage(N, before, new Map([[LINE_A, mug(2, 1)]]))).toBeNull();
    expect(fewerWantedMessage(N, before, new Map([[LINE_A, mug(3, 0)]]))).toBeNull();
  });

  it("reads a line's wanted units as the server has them, the station's own short picks added back", () => {
    const doc = fulfillmentDoc({
      status: 'in_progress',
      claimedBy: STATION,
      lines: [freshLine(LINE_A, 'A', '111', 'Mug', 3, { verified: 1 }), freshLine(LINE_B, 'B', '222', 'Tee', 1)],
    });
    const shorted = {
      type: 'pick-shorted',
      id: crypto.randomUUID(),
      seq: 1,
      stationId: STATION,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      occurredAt: '2026-11-22T08:05:00.000Z',
      actor: { kind: 'station', id: STATION },
      payload: { lineId: LINE_A, shortQuantity: 1 },
    } as unknown as FulfillmentStationEvent;
    const view = foldStationView(doc, [shorted], STATION);
    expect(view.doc.lines[0]!.quantity).toBe(2);
    expect(linesWanted(view).get(LINE_A)).toEqual(mug(3, 1));
  });
});

describe('watching the open order for fewer units wanted', () => {
  const held = (quantity: number, verified: number) =>
    fulfillmentDoc({ status: 'in_progress', claimedBy: STATION, lines: [freshLine(LINE_A, 'A', '111', 'Mug', quantity, { verified })] });
  // Test files share one store (vitest runs them without isolation): start from a screen with nothing said.
  beforeEach(() => useStation.setState(useStation.getInitialState(), true));
  afterEach(() => useStation.setState(useStation.getInitialState(), true));

  it('says the change with the error sound, counting units scanned before their scans were refused', () => {
    const { openView, show } = openOrderScreen();
    const stop = watchFewerWanted(openView, STATION);
    useStation.getState().openOrder(held(3, 3).id);
    show(held(3, 3));
    // The server refused two scans (their units were cancelled): they drop out before the new quantity arrives.
    show(held(3, 1));
    expect(useStation.getState().message).toBeNull();
    show(held(1, 1));
    expect(useStation.getState().message).toMatchObject({
      kind: 'error',
      text: `${N} now wants 1 Mug (A), 2 fewer: 3 scanned, put 2 back.`,
    });
    stop();
  });

  it('forgets what was scanned once the order is closed on screen', () => {
    const { openView, show } = openOrderScreen();
    const stop = watchFewerWanted(openView, STATION);
    useStation.getState().openOrder(held(3, 3).id);
    show(held(3, 3));
    show(null);
    // Back at this station later, its scans gone (a new holder scans its own), then two units cancelled.
    show(held(3, 0));
    show(held(1, 0));
    expect(useStation.getState().message?.text).toBe(`${N} now wants 1 Mug (A), 2 fewer (0 scanned).`);
    stop();
  });
});
