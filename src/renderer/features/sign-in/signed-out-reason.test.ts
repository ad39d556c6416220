import { describe, expect, it } from 'vitest';
import { signedOutReason } from './signed-out-reason';

const at = '2026-12-06T06:14:00.000Z';

describe('why the last person was signed out here, on the sign-in screen', () => {
  it('says idle minutes, an order moved to another screen, or the supervisor who did it', () => {
    expect(signedOutReason({ reason: 'idle', name: 'Priya Packer', idleMinutes: 15, at })).toBe(
      'Priya Packer was signed out after 15 minutes without activity. Sign in again to carry on.',
    );
    expect(signedOutReason({ reason: 'moved', name: 'Margaret Turing', orderNumber: 'ORD-20261124-00004', at })).toBe(
      'Margaret Turing was signed out here while this screen was not connected: ORD-20261124-00004 is being packed at another screen. Sign in again to carry on with other work.',
    );
    expect(
      signedOutReason({ reason: 'supervisor', name: 'Margaret Turing', by: 'Sam Supervisor', orderNumber: 'ORD-20261124-00004', at }),
    ).toBe(
      'Margaret Turing was signed out here by Sam Supervisor: ORD-20261124-00004 can be packed at another screen. Sign in again to carry on with other work.',
    );
  });
});
