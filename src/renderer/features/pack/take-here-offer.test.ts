import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { useStation } from '../../app/station-store';
import { openAtThisScreen } from './order-screen';
import { dropOfferOnChange, packHereInstead, useTakeHereOffer } from './take-here-offer';

const ORDER = { fulfillmentOrderId: '11111111-1111-4111-8111-111111111111', orderNumber: 'ORD-20261124-00004' };
const doc = { id: ORDER.fulfillmentOrderId, orderNumber: ORDER.orderNumber } as FulfillmentDocument;
const margaret = { id: 'u-margaret', name: 'Margaret Turing', role: 'packer' } as const;
const GONE = `${ORDER.orderNumber} is open at your other screen, “Handheld 3”, which is not connected now (its page is closed, or it is off or out of reach).`;

/** A station client answering each handler from `answers`, and keeping what it was asked. */
function clientAnswering(answers: Record<string, unknown>) {
  const asked: [string, unknown][] = [];
  const client = {
    call: async (name: string, arg: unknown) => {
      asked.push([name, arg]);
      return answers[name];
    },
  };
  return { rt: { client } as never, asked };
}

// Files share a worker's stores (vitest.config.ts): each test starts from their initial state, and leaves them so.
const reset = () => {
  useStation.setState(useStation.getInitialState(), true);
  useTakeHereOffer.setState(useTakeHereOffer.getInitialState(), true);
};
beforeEach(reset);
afterAll(reset);

describe('"Pack it here instead", for an order open at this person\'s other screen that is gone', () => {
  it("is offered with main's refusal only when main allows it, and gone once another order opens", async () => {
    const refused = clientAnswering({ 'screens.open-order': { granted: false, code: 'open_elsewhere', message: GONE, mayTakeHere: true } });
    expect(await openAtThisScreen(refused.rt, doc)).toBe(false);
    expect(useStation.getState().message).toMatchObject({ kind: 'error', text: GONE });
    expect(useTakeHereOffer.getState().offer).toEqual(ORDER);

    const someoneElses = clientAnswering({
      'screens.open-order': { granted: false, code: 'open_elsewhere', message: 'open at the other screen' },
    });
    await openAtThisScreen(someoneElses.rt, doc);
    expect(useTakeHereOffer.getState().offer).toBeNull();

    await openAtThisScreen(refused.rt, doc);
    await openAtThisScreen(clientAnswering({ 'screens.open-order': { granted: true } }).rt, {
      ...doc,
      id: 'another',
    } as FulfillmentDocument);
    expect(useTakeHereOffer.getState().offer).toBeNull();
  });

  it('confirmed, asks main to move it here, answers the refusal, and opens the order by its number', async () => {
    await openAtThisScreen(
      clientAnswering({ 'screens.open-order': { granted: false, code: 'open_elsewhere', message: GONE, mayTakeHere: true } }).rt,
      doc,
    );
    const { rt, asked } = clientAnswering({ 'screens.take-order-here': { granted: true } });
    const opened: string[] = [];
    await packHereInstead(rt, async (orderNumber) => void opened.push(orderNumber));
    expect(asked).toEqual([['screens.take-order-here', ORDER]]);
    expect(useStation.getState().message).toBeNull();
    expect(opened).toEqual([ORDER.orderNumber]);
    expect(useTakeHereOffer.getState().offer).toBeNull();
  });

  it('refused by main (that screen is back), says why and opens nothing', async () => {
    useTakeHereOffer.setState({ offer: ORDER });
    const back = `${ORDER.orderNumber} is open at your other screen, “Handheld 3”, which is connected now: pack it there (its scans are there).`;
    const { rt } = clientAnswering({ 'screens.take-order-here': { granted: false, code: 'open_elsewhere', message: back } });
    const opened: string[] = [];
    await packHereInstead(rt, async (orderNumber) => void opened.push(orderNumber));
    expect(useStation.getState().message).toMatchObject({ kind: 'error', text: back });
    expect(opened).toEqual([]);
    expect(useTakeHereOffer.getState().offer).toBeNull();
  });

  it('is not left for the next person signed in here', () => {
    const stop = dropOfferOnChange();
    useStation.getState().setPeople({ users: [margaret], refreshedAt: null, signedIn: margaret });
    useTakeHereOffer.setState({ offer: ORDER });
    useStation.getState().setPeople({ users: [margaret], refreshedAt: null, signedIn: null });
    stop();
    expect(useTakeHereOffer.getState().offer).toBeNull();
  });
});
