/**
 * Main pauses its check of badges scanned at work on a device after a run of codes that were no
 * badge (station-people.ts): meanwhile it cannot tell a badge from anything else, so a code that
 * could be one is neither taken nor shown, and the screen says why and what to do instead. The
 * sign-in screen's badge reader has its own lock, so signing out and in with the badge still works.
 */
export function badgeChecksPaused(minutes: number): string {
  return (
    `badge checks are paused on this device for ${minutes} min after too many unknown codes. To change who is signed in, ` +
    'sign out and scan the badge to sign in, or ask a supervisor to clear the pause (Supervisor: Sign-in lockouts).'
  );
}

/** The start of what a scan refused while a message waits for its OK says, so a second such scan does not say it again. */
export const NOT_TAKEN_WHILE_PAUSED = 'A code scanned now is not taken and not shown: ';
