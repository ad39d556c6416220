import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../shared/contract/index';
import { createShipTurns } from './ship-turns';

const FO = '11111111-1111-4111-8111-111111111111';
const BOX = '22222222-2222-4222-8222-222222222222';
const ORDER = 'ORD-20261123-00006';

/** A package's label as main's queue holds it (only what the turns read). */
const label = (state: PrintJob['state']) =>
  ({
    state,
    printedBy: null,
    purpose: { kind: 'ship-package', fulfillmentOrderId: FO, orderId: FO, packageId: BOX, actor: { kind: 'station', id: FO } },
  }) as unknown as PrintJob;

function setUp(jobs: PrintJob[] = []) {
  let now = 0;
  const { handlers } = createShipTurns({ jobs: () => jobs, signedIn: () => null, now: () => now, turnMs: 1000 });
  const take = (deviceId: string, packageIds: string[] = []) =>
    handlers['shipping.take-turn']({ fulfillmentOrderId: FO, orderNumber: ORDER, packageIds }, { deviceId });
  const end = (deviceId: string) => handlers['shipping.end-turn']({ fulfillmentOrderId: FO }, { deviceId });
  return { take, end, later: (ms: number) => void (now += ms) };
}

describe('one Ship per order across the station’s devices', () => {
  it('refuses a second device while the first ships; ended (or lapsed), the order is free', async () => {
    const { take, end, later } = setUp();
    expect(await take('desk')).toEqual({ granted: true });
    expect(await take('handheld')).toMatchObject({ granted: false, code: 'shipping_elsewhere' });
    expect(await end('handheld')).toEqual({ ended: false }); // only the device shipping ends its turn
    expect(await end('desk')).toEqual({ ended: true });
    expect(await take('handheld')).toEqual({ granted: true });
    // A page closed mid-Ship never ends its turn: it lapses.
    later(1001);
    expect(await take('desk')).toEqual({ granted: true });
  });

  it('refuses a device whose copy lacks a box another labelled; a copy that has it, or a voided label, passes', async () => {
    expect(await setUp([label('printed')]).take('handheld')).toEqual({
      granted: false,
      code: 'shipped_elsewhere',
      message: `${ORDER} was already shipped at the other screen: nothing was printed here. Scan the order again once its box shows here.`,
    });
    // Its label named, to find the box on the dock.
    const marked = { ...label('printed'), sscc: '106141410000000777', tracking: { trackingNumber: '1Z999AA10123456784' } } as PrintJob;
    expect(await setUp([marked]).take('handheld')).toMatchObject({
      message:
        `${ORDER} was already shipped at the other screen: nothing was printed here. ` +
        `Its box has the label with SSCC 106141410000000777, tracking 1Z999AA10123456784. Scan the order again once its box shows here.`,
    });
    // A box waiting at a screen that never comes back: the packer is told the way out.
    expect(await setUp([label('retrying')]).take('handheld')).toEqual({
      granted: false,
      code: 'shipped_elsewhere',
      message:
        `${ORDER} has a box waiting for its label at the other screen: nothing was printed here. Scan the order again once its box shows here. ` +
        `If that screen is gone and its box is here: void the box's label in the print queue (Printers), unpack the box, and pack the order here.`,
    });
    expect(await setUp([label('printed')]).take('handheld', [BOX])).toEqual({ granted: true });
    expect(await setUp([label('voided')]).take('handheld')).toEqual({ granted: true });
  });
});
