import type { ScreenWithOrder } from '../../../shared/contract/index';

/** Which screen, as a supervisor tells them apart: this one, or the name it paired with (main names an unnamed one by its device id). */
export const screenName = (s: Pick<ScreenWithOrder, 'screenName' | 'here'>): string =>
  s.here ? `This screen (${s.screenName})` : s.screenName;

/**
 * What signing a screen out does, asked before it is done. A screen not connected may hold scans
 * it has not sent: they stay on it, and reach the server only if Dockside opens there again.
 */
export function screenSignOutQuestion(s: Pick<ScreenWithOrder, 'orderNumber' | 'signedIn' | 'connected'>): string {
  const who = s.signedIn.name;
  if (s.connected)
    return `That screen is connected now: ${who} may be packing ${s.orderNumber} there. Sign ${who} out there anyway? The order closes there (the scans it has go to the server as usual) and can be opened at another screen.`;
  return (
    `Sign ${who} out at that screen? ${s.orderNumber} can then be opened at another screen. Scans that screen had not sent stay on it: ` +
    'if Dockside opens there again they are sent then, counted on the order if they still fit it, or given to a supervisor as a conflict ' +
    '(the order has shipped, or more units are scanned than it needs).'
  );
}
