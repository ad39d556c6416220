import { z } from 'zod';
import { afterReload, type MessagesOnScreen } from './messages-per-person';
import { tabStorage, type TabStorage } from './remembered-open';
import { useStation, type StationMessage } from './station-store';

// Written and read by this tab only (it crosses no process): checked on read, so a value an older
// renderer wrote, or a corrupt one, is left unread rather than shown.
const keptMessage = z.object({
  kind: z.enum(['error', 'success', 'info']),
  text: z.string(),
  needsAck: z.boolean(),
  notTaken: z.array(z.string()).optional(),
  forPersonId: z.string().optional(),
  aboutStation: z.boolean().optional(),
  keptBecause: z.enum(['signed-out', 'reloaded']).optional(),
}) satisfies z.ZodType<StationMessage>;
const keptMessages = z.object({ message: keptMessage.nullable(), keptFor: z.record(z.string(), keptMessage) });

/**
 * The error waiting for its OK, and those kept for people signed out before they saw them, kept
 * for this tab (sessionStorage: a reload or a renderer restart keeps them, another screen has its
 * own), so a packer whose screen reloads still reads why their scan was refused. They come back
 * once main says who is signed in, by the rules of messages-per-person.ts (afterReload), shown
 * without their sound (it was heard). News is not kept; nor what concerns the station itself (a
 * label that may have printed, a revoked station): main says that again when the page starts.
 */
export function rememberMessages(stationId: string, storage: TabStorage | null = tabStorage()) {
  const key = `dockside.messages.${stationId}`;
  const restored = kept(storage, key);
  // Until they are back, what the page says as it starts does not replace them in the tab. Started
  // with main's people known already (the station restarted in this page), nothing went away.
  let back = !!useStation.getState().people;
  const stop = useStation.subscribe((s, before) => {
    if (!back) {
      if (!s.people) return;
      back = true;
      // Kept in the tab by the change this makes (this listener hears it).
      if (restored) return void useStation.setState(afterReload(s, restored, s.people.signedIn?.id ?? null));
    } else if (s.message === before.message && s.keptFor === before.keptFor) return;
    keep(storage, key, s);
  });
  return stop;
}

function kept(storage: TabStorage | null, key: string): MessagesOnScreen | null {
  try {
    const parsed = keptMessages.safeParse(JSON.parse(storage?.getItem(key) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function keep(storage: TabStorage | null, key: string, s: MessagesOnScreen): void {
  const message = s.message?.needsAck && !s.message.aboutStation ? s.message : null;
  if (message || Object.keys(s.keptFor).length) storage?.setItem(key, JSON.stringify({ message, keptFor: s.keptFor }));
  else storage?.removeItem(key);
}
