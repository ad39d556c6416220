import { useStation } from '../../app/station-store';
import { playSound } from '../../feedback/sounds';

/**
 * "Signed in as …", with the success sound. It does not replace an error still waiting for its OK
 * that is not about signing in: the station's own (a label that may have printed) or the one kept
 * for this person from before they were signed out (messages-per-person.ts), which may be on
 * screen already when main's sign-in answer comes after its news of who is signed in.
 */
export function saySignedIn(name: string): void {
  const { message, say } = useStation.getState();
  if (message?.needsAck && (message.aboutStation || message.forPersonId)) playSound('success');
  else say('success', `Signed in as ${name}`, 'success');
}
