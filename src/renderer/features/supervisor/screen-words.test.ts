import { describe, expect, it } from 'vitest';
import { screenName, screenSignOutQuestion } from './screen-words';

const margaret = { id: 'u-margaret', name: 'Margaret Turing', role: 'packer' } as const;
const screen = {
  deviceId: '7f3a9c21-0000-4000-8000-000000000000',
  screenName: 'Handheld 3',
  here: false,
  orderNumber: 'ORD-20261124-00004',
  signedIn: margaret,
};

describe('signing a screen out, as the supervisor is asked', () => {
  it('says what happens to the scans a screen that is not connected had not sent', () => {
    const question = screenSignOutQuestion({ ...screen, connected: false });
    expect(question).toMatch(/^Sign Margaret Turing out at that screen\? ORD-20261124-00004 can then be opened at another screen\./);
    expect(question).toContain('Scans that screen had not sent stay on it: if Dockside opens there again they are sent then');
  });

  it('warns that a connected screen may be in use', () => {
    expect(screenSignOutQuestion({ ...screen, connected: true })).toMatch(
      /^That screen is connected now: Margaret Turing may be packing ORD-20261124-00004 there\./,
    );
  });

  it('names the screen asking as this one, any other by the name it paired with', () => {
    expect(screenName(screen)).toBe('Handheld 3');
    expect(screenName({ ...screen, here: true })).toBe('This screen (Handheld 3)');
  });
});
