import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationUser } from '../../shared/contract/index';
import { signInWithBadge } from '../features/sign-in/badge-sign-in';
import { KEPT_WHILE_SIGNED_OUT } from './messages-per-person';
import { useStation } from './station-store';

const priya: StationUser = { id: 'u-priya', name: 'Priya Packer', role: 'packer' };
const sam: StationUser = { id: 'u-sam', name: 'Sam Supervisor', role: 'supervisor' };
const REFUSED = 'ORD-20261206-00007 was cancelled while you packed it: put its items back, do not ship it';

/** Main's news of who is signed in at this device. */
const signedIn = (who: StationUser | null) =>
  useStation.getState().setPeople({ users: [priya, sam], refreshedAt: '2026-12-06T07:00:00.000Z', signedIn: who });
/** Main's answer to a badge scanned at the sign-in screen. */
const badgeOf = (who: StationUser) => ({ call: async () => who }) as never;
const message = () => useStation.getState().message;

// Files share a worker's store (vitest.config.ts): each test starts from its initial state, and leaves it so.
beforeEach(() => useStation.setState(useStation.getInitialState(), true));
afterEach(() => useStation.setState(useStation.getInitialState(), true));

describe('a message and the person it was for', () => {
  it('keeps who works here as main says it, whoever is signed in: nobody, then nobody again, then someone', () => {
    // The first answer of a station where nobody is signed in: the station waits on it ("Loading who works here…").
    signedIn(null);
    expect(useStation.getState().people).toMatchObject({ users: [priya, sam], signedIn: null });
    useStation.getState().setPeople({ users: [priya], refreshedAt: '2026-12-06T07:05:00.000Z', signedIn: null });
    expect(useStation.getState().people?.users).toEqual([priya]);
    signedIn(priya);
    expect(useStation.getState().people?.signedIn).toEqual(priya);
  });

  it('keeps a signed-out person’s error from the sign-in screen and the next person, and shows it to them when they are back', async () => {
    signedIn(priya);
    useStation.getState().say('error', REFUSED);
    signedIn(null); // idle, the Sign out button, or a station restart
    expect(message()).toBeNull();

    await signInWithBadge(badgeOf(sam), 'DKS-LON-1-1003');
    signedIn(sam);
    expect(message()).toMatchObject({ kind: 'success', text: 'Signed in as Sam Supervisor' });
    useStation.getState().acknowledge();
    expect(message()).toBeNull();
    signedIn(null);

    // Main's news of the sign-in may come before its answer: the error is not replaced by "Signed in as".
    signedIn(priya);
    await signInWithBadge(badgeOf(priya), 'DKS-LON-1-1002');
    expect(message()).toMatchObject({ kind: 'error', needsAck: true, text: `${KEPT_WHILE_SIGNED_OUT}${REFUSED}` });
    useStation.getState().acknowledge();
    expect(message()).toBeNull();
  });

  it('shows it again after "Signed in as" when main answers before its news', async () => {
    signedIn(priya);
    useStation.getState().say('error', REFUSED);
    signedIn(null);
    await signInWithBadge(badgeOf(priya), 'DKS-LON-1-1002');
    signedIn(priya);
    expect(message()).toMatchObject({ kind: 'error', text: `${KEPT_WHILE_SIGNED_OUT}${REFUSED}` });
  });

  it('shows what concerns the station itself (a label that may have printed) to anyone, and it waits behind nothing', async () => {
    signedIn(priya);
    useStation.getState().say('error', REFUSED);
    useStation.getState().sayForAnyone('error', 'Did Shipping label come out of Zebra 1?');
    signedIn(null);
    expect(message()).toMatchObject({ text: 'Did Shipping label come out of Zebra 1?', needsAck: true });
    await signInWithBadge(badgeOf(sam), 'DKS-LON-1-1003');
    signedIn(sam);
    expect(message()).toMatchObject({ text: 'Did Shipping label come out of Zebra 1?' });
    useStation.getState().acknowledge();
    expect(message()).toBeNull();
  });

  it('hands an error over with the work when someone takes over, and drops the last person’s news at sign-out', () => {
    signedIn(priya);
    useStation.getState().say('error', REFUSED);
    signedIn(sam); // Sam's badge scanned at Priya's pack screen: the open order is his now
    expect(message()).toMatchObject({ text: REFUSED, forPersonId: sam.id });
    useStation.getState().acknowledge();
    useStation.getState().say('success', 'ORD-20261206-00008 shipped. Scan the next order.');
    signedIn(null);
    expect(message()).toBeNull();
    signedIn(priya);
    expect(message()).toBeNull();
  });

  it('lets "Signed in as" replace the sign-in screen’s own error (a wrong PIN)', async () => {
    signedIn(null);
    useStation.getState().say('error', 'Wrong PIN for Priya Packer: 4 tries left');
    await signInWithBadge(badgeOf(priya), 'DKS-LON-1-1002');
    expect(message()).toMatchObject({ kind: 'success', text: 'Signed in as Priya Packer' });
  });
});
