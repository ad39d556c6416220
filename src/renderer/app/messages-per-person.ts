import type { StationMessage } from './station-store';

/** The message on screen, and the errors kept back for people who have not seen them yet (signed out, or behind a newer one after a reload), by person id. */
export interface MessagesOnScreen {
  message: StationMessage | null;
  keptFor: Readonly<Record<string, StationMessage>>;
}

/** Said over an error shown again when its person signs back in: it is older than what they see now. */
export const KEPT_WHILE_SIGNED_OUT = 'From before you were signed out: ';
/** Said over an error from before the page reloaded, shown once a newer one was answered: its person was not signed out. */
export const KEPT_OVER_RELOAD = 'From before this screen reloaded: ';
const SAID_OVER: Record<NonNullable<StationMessage['keptBecause']>, string> = {
  'signed-out': KEPT_WHILE_SIGNED_OUT,
  reloaded: KEPT_OVER_RELOAD,
};

/**
 * Who is signed in changed, from `before` to `now`. A person's error still waiting for its OK is
 * about their work (a refusal they must read, a label that may have printed): when they are
 * signed out (idle, the button, a station restart) it is kept back for them, so the sign-in screen
 * and the next person never see it, and shown when they sign in again. Their news is dropped. A
 * hand-over keeps the work open, so its error goes on to the person taking over. What concerns the
 * station itself (its printer, its credential: aboutStation) stays on screen for anyone.
 */
export function afterSignInChange(m: MessagesOnScreen, before: string | null, now: string | null): MessagesOnScreen {
  if (before === now) return m;
  let message = m.message;
  const keptFor = { ...m.keptFor };
  // One kept behind a newer error after a reload: its person is now signed out too, and is told so.
  const keptForBefore = before === null ? undefined : keptFor[before];
  if (before !== null && keptForBefore) keptFor[before] = { ...keptForBefore, keptBecause: 'signed-out' };
  if (message && !message.aboutStation) {
    const owner = message.forPersonId ?? null;
    if (before !== null && now !== null) message = { ...message, forPersonId: now };
    else if (owner !== now) {
      if (owner && message.needsAck) keptFor[owner] = { ...message, keptBecause: 'signed-out' };
      // An error of the sign-in screen (nobody's) stays until it is answered; news ends with the session.
      if (owner || (now === null && !message.needsAck)) message = null;
    }
  }
  return shownAgain({ message, keptFor }, now);
}

/**
 * The page reloaded (a frozen screen, a renderer restart) and the errors this tab kept come back
 * (`restored`, remembered-messages.ts) to the screen as it starts (`now`), once main says who is
 * signed in. The one that waited for its OK is for the person it was said to: on screen if they are
 * signed in, or if it was nobody's (the sign-in screen's); kept for them if someone else is (they
 * were signed out). An error said since the start keeps the screen: a person's restored one comes
 * up after its OK, as from before the reload (they were not signed out).
 */
export function afterReload(now: MessagesOnScreen, restored: MessagesOnScreen, signedIn: string | null): MessagesOnScreen {
  let message = now.message;
  const keptFor = { ...restored.keptFor, ...now.keptFor };
  const back = restored.message;
  const owner = back?.forPersonId ?? null;
  if (back && owner && owner !== signedIn) keptFor[owner] = { ...back, keptBecause: 'signed-out' };
  else if (back && owner && message?.needsAck) keptFor[owner] = { ...back, keptBecause: 'reloaded' };
  else if (back && !message?.needsAck) message = back;
  return shownAgain({ message, keptFor }, signedIn);
}

/** Acknowledged: the next error kept for the person signed in comes up, else nothing. */
export function afterAcknowledge(m: MessagesOnScreen, signedIn: string | null): MessagesOnScreen {
  return shownAgain({ message: null, keptFor: m.keptFor }, signedIn);
}

/** The error kept for `person`, back on screen unless another error already waits for its OK (it comes after that one). */
function shownAgain(m: MessagesOnScreen, person: string | null): MessagesOnScreen {
  const kept = person ? m.keptFor[person] : undefined;
  if (!person || !kept || m.message?.needsAck) return m;
  const { [person]: _shown, ...keptFor } = m.keptFor;
  // Said over it: why it comes now (kept before the reason was kept: a sign-out, the only one then), the last reason only.
  const { keptBecause = 'signed-out', ...shown } = kept;
  const text = `${SAID_OVER[keptBecause]}${withoutSaidOver(kept.text)}`;
  return { message: { ...shown, text }, keptFor };
}

function withoutSaidOver(text: string): string {
  const over = Object.values(SAID_OVER).find((said) => text.startsWith(said));
  return over ? text.slice(over.length) : text;
}
