import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StationUser } from '../../shared/contract/index';
import { KEPT_OVER_RELOAD, KEPT_WHILE_SIGNED_OUT } from './messages-per-person';
import type { TabStorage } from './remembered-open';
import { rememberMessages } from './remembered-messages';
import { useStation } from './station-store';

const STATION = '11111111-1111-4111-8111-111111111111';
const KEY = `dockside.messages.${STATION}`;
const priya: StationUser = { id: 'u-priya', name: 'Priya Packer', role: 'packer' };
const sam: StationUser = { id: 'u-sam', name: 'Sam Supervisor', role: 'supervisor' };
const REFUSED = 'ORD-20261206-00007 was cancelled while you packed it: put its items back, do not ship it';

const state = () => useStation.getState();
/** Main's news of who is signed in at this device. */
const signedIn = (who: StationUser | null) =>
  state().setPeople({ users: [priya, sam], refreshedAt: '2026-12-06T06:00:00.000Z', signedIn: who });
/** The page's root, where sounds.ts counts the sounds played (for end-to-end tests too). */
const page = { documentElement: { dataset: {} as Record<string, string> } };
const sounds = () => Number(page.documentElement.dataset.soundCount ?? 0);

/** A tab’s sessionStorage, which outlives the page's memory across a reload. */
function tab(): TabStorage & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return { kept, getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => void kept.set(k, v), removeItem: (k) => void kept.delete(k) };
}

let storage = tab();
let memory: (() => void) | null = null;

/** The page reloads: its memory (the store) is gone, the tab’s sessionStorage is not; main then says who is signed in. */
function reload(who: StationUser | null): void {
  memory?.();
  useStation.setState(useStation.getInitialState(), true);
  memory = rememberMessages(STATION, storage);
  signedIn(who);
}

// Files share one store and one global scope per worker (vitest runs them without isolation): start clean, leave clean.
beforeEach(() => {
  useStation.setState(useStation.getInitialState(), true);
  storage = tab();
  page.documentElement.dataset = {};
  vi.stubGlobal('document', page);
  memory = rememberMessages(STATION, storage);
});
afterEach(() => {
  memory?.();
  memory = null;
  useStation.setState(useStation.getInitialState(), true);
  vi.unstubAllGlobals();
});

describe('an error waiting for its OK, across a reload of the page', () => {
  it('is back for the person still signed in, with the codes it refused, and not sounded again', () => {
    signedIn(priya);
    state().say('error', REFUSED);
    state().refuseUntilAcknowledged('SKU-RED-M');
    const heard = sounds();
    expect(heard).toBe(2);
    reload(priya);
    expect(state().message).toMatchObject({ kind: 'error', text: REFUSED, needsAck: true, notTaken: ['SKU-RED-M'], forPersonId: priya.id });
    expect(sounds()).toBe(heard);
    // Once acknowledged it is gone, from the tab too.
    state().acknowledge();
    reload(priya);
    expect(state().message).toBeNull();
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('is kept for its person when someone else, or nobody, is signed in after the reload, and shown when they are back', () => {
    signedIn(priya);
    state().say('error', REFUSED);
    reload(sam);
    expect(state().message).toBeNull();
    reload(null); // the sign-in screen does not show it either
    expect(state().message).toBeNull();
    signedIn(priya);
    expect(state().message).toMatchObject({ text: `${KEPT_WHILE_SIGNED_OUT}${REFUSED}`, needsAck: true });
  });

  it('keeps the errors kept for people signed out before they saw them', () => {
    signedIn(priya);
    state().say('error', REFUSED);
    signedIn(null);
    reload(sam);
    expect(state().message).toBeNull();
    signedIn(null);
    signedIn(priya);
    expect(state().message).toMatchObject({ text: `${KEPT_WHILE_SIGNED_OUT}${REFUSED}` });
  });

  it('is still kept when the page reloads again before main says who is signed in', () => {
    signedIn(priya);
    state().say('error', REFUSED);
    memory?.();
    useStation.setState(useStation.getInitialState(), true);
    memory = rememberMessages(STATION, storage);
    state().say('info', 'Opening the local database'); // said while the page starts: it does not replace the kept error
    reload(priya);
    expect(state().message).toMatchObject({ text: REFUSED });
  });

  it('comes after an error said since the page started', () => {
    signedIn(priya);
    state().say('error', REFUSED);
    memory?.();
    useStation.setState(useStation.getInitialState(), true);
    memory = rememberMessages(STATION, storage);
    state().sayForAnyone('error', 'This station was revoked by an admin: it no longer syncs. Its unsent events are kept here.');
    signedIn(priya);
    expect(state().message).toMatchObject({ text: expect.stringContaining('revoked') });
    state().acknowledge();
    // Priya stayed signed in: it is older than what she just read because the screen reloaded, not because she was signed out.
    expect(state().message).toMatchObject({ text: `${KEPT_OVER_RELOAD}${REFUSED}`, needsAck: true, forPersonId: priya.id });
    expect(state().message!.text).not.toContain('signed out');
  });

  it('says "signed out" over it once its person was signed out before it came up', () => {
    signedIn(priya);
    state().say('error', REFUSED);
    memory?.();
    useStation.setState(useStation.getInitialState(), true);
    memory = rememberMessages(STATION, storage);
    state().sayForAnyone('error', 'This station was revoked by an admin: it no longer syncs. Its unsent events are kept here.');
    signedIn(priya);
    // Signed out (idle) before she answered either: the station's error stays for anyone; hers waits for her.
    signedIn(null);
    state().acknowledge();
    expect(state().message).toBeNull();
    signedIn(priya);
    expect(state().message).toMatchObject({ text: `${KEPT_WHILE_SIGNED_OUT}${REFUSED}` });
  });

  it('is not kept when it is news, or about the station itself (main asks that again)', () => {
    signedIn(priya);
    state().say('success', 'ORD-20261206-00008 shipped. Scan the next order.');
    reload(priya);
    expect(state().message).toBeNull();
    state().sayForAnyone('error', 'Did Shipping label come out of Zebra 1?');
    reload(priya);
    expect(state().message).toBeNull();
  });

  it('ignores a stored value that is corrupt or of an older shape', () => {
    for (const stored of ['{not json', JSON.stringify({ text: REFUSED }), JSON.stringify({ message: { text: REFUSED }, keptFor: {} })]) {
      storage.setItem(KEY, stored);
      reload(priya);
      expect(state().message).toBeNull();
    }
  });
});
