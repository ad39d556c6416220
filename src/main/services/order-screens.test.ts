import { describe, expect, it } from 'vitest';
import type { StationUser } from '../../shared/contract/index';
import { createOrderScreens } from './order-screens';

const FO = '11111111-1111-4111-8111-111111111111';
const OTHER_FO = '22222222-2222-4222-8222-222222222222';
const sam = { id: '33333333-3333-4333-8333-333333333333', name: 'Sam Supervisor', role: 'supervisor' } as StationUser;

describe('one order open at one screen of the station', () => {
  const setUp = ({ signInSetUp = true } = {}) => {
    const signedIn = new Map<string, StationUser>(signInSetUp ? [['desk', sam]] : []);
    const pages = new Set(['desk', 'handheld']);
    const { handlers } = createOrderScreens({
      signedIn: (deviceId) => signedIn.get(deviceId) ?? null,
      signInSetUp: () => signInSetUp,
      connected: (deviceId) => pages.has(deviceId),
      present: (deviceId) => pages.has(deviceId),
      screenName: (deviceId) => (deviceId === 'desk' ? 'Packing desk' : 'Handheld 3'),
      signOut: (deviceId) => void signedIn.delete(deviceId),
    });
    const open = (deviceId: string, fulfillmentOrderId = FO) =>
      handlers['screens.open-order']({ fulfillmentOrderId, orderNumber: 'ORD-20261123-00006' }, { deviceId });
    const close = (deviceId: string, fulfillmentOrderId = FO) => handlers['screens.close-order']({ fulfillmentOrderId }, { deviceId });
    return { signedIn, pages, open, close };
  };

  it('refuses the second screen while the first has it open and someone is signed in there', async () => {
    const { open } = setUp();
    expect(await open('desk')).toEqual({ granted: true });
    expect(await open('handheld')).toEqual({
      granted: false,
      code: 'open_elsewhere',
      message: expect.stringContaining("ORD-20261123-00006 is open at Sam Supervisor's screen, “Packing desk”: pack it there"),
    });
    // The same screen opening it again (a reload) is not another screen.
    expect(await open('desk')).toEqual({ granted: true });
  });

  it('frees it when the first screen closes it, opens another order, or its person signs out', async () => {
    const closed = setUp();
    await closed.open('desk');
    expect(await closed.close('desk')).toEqual({ closed: true });
    expect(await closed.open('handheld')).toEqual({ granted: true });

    const moved = setUp();
    await moved.open('desk');
    await moved.open('desk', OTHER_FO);
    expect(await moved.open('handheld')).toEqual({ granted: true });

    const signedOut = setUp();
    await signedOut.open('desk');
    signedOut.signedIn.delete('desk');
    expect(await signedOut.open('handheld')).toEqual({ granted: true });
  });

  it('where nobody signs in, refuses the second screen while the first has the order open on a page still open', async () => {
    const { open, close, pages } = setUp({ signInSetUp: false });
    expect(await open('desk')).toEqual({ granted: true });
    expect(await open('handheld')).toEqual({
      granted: false,
      code: 'open_elsewhere',
      message: expect.stringContaining('ORD-20261123-00006 is open at the other screen, “Packing desk”: pack it there'),
    });
    await close('desk');
    expect(await open('handheld')).toEqual({ granted: true });
    // The handheld's page is closed (or crashed) with the order open: the desk may take it.
    pages.delete('handheld');
    expect(await open('desk')).toEqual({ granted: true });
  });

  it('where people sign in, an open page with nobody signed in holds nothing (signed out when idle)', async () => {
    const { open, signedIn } = setUp();
    signedIn.delete('desk');
    expect(await open('desk')).toEqual({ granted: true });
    expect(await open('handheld')).toEqual({ granted: true });
  });
});
