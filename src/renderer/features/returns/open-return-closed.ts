import type { ReturnClosure } from '../../../shared/sync/return-document';
import type { ReturnTombstone } from '../../../shared/sync/sync-protocol';
import { plural } from '../../../shared/words/plural';
import { useStation } from '../../app/station-store';
import type { StationDatabase } from '../../db/station-database';

/** What became of this desk's work on the return: units the server kept as a conflict, changes not sent yet. */
export interface WorkLeftOnIt {
  conflictedUnits: number;
  unsent: number;
}

const HOW: Partial<Record<ReturnClosure['status'], string>> = {
  cancelled: 'was cancelled by the office',
  rejected: 'was rejected by the office',
  completed: 'was completed elsewhere',
};

/**
 * What the clerk is told when the RMA open at the desk closes on the server: what happened, why,
 * what to do with the box in hand, and truthfully what became of what the desk recorded on it.
 */
export function returnClosedMessage(closure: ReturnClosure | undefined, work: WorkLeftOnIt): string {
  const what = closure
    ? `${closure.number} ${HOW[closure.status] ?? `is ${closure.status.replaceAll('_', ' ')} now`}${closure.reason ? ` (${closure.reason})` : ''}`
    : 'The open RMA was closed on the server';
  const are = (n: number) => (n === 1 ? 'is' : 'are');
  const kept = work.conflictedUnits
    ? ` ${plural(work.conflictedUnits, 'unit')} received here ${are(work.conflictedUnits)} on the server as a conflict for a supervisor.`
    : '';
  const unsent = work.unsent
    ? ` ${plural(work.unsent, 'change')} made here ${are(work.unsent)} still to go to the server, where a supervisor sees ${work.unsent === 1 ? 'it' : 'them'}.`
    : '';
  return `${what}: set its box aside and ask your supervisor.${kept}${unsent}`;
}

/**
 * Called with the returns the pull removed: when one is the RMA open here, it is closed on the
 * screen (its progress and the last message go) and the clerk hears the error sound and why.
 */
export async function sayOpenReturnClosed(db: StationDatabase, gone: readonly ReturnTombstone[]): Promise<void> {
  const openId = useStation.getState().openReturnId;
  const tombstone = gone.find((t) => t.id === openId);
  if (!tombstone) return;
  const events = (await db.outbox.find({ selector: { subjectId: tombstone.id } }).exec()).map((e) => e.toMutableJSON());
  const conflictedUnits = events
    .filter((e) => e.state === 'conflicted' && e.type === 'return-units-received')
    .reduce((n, e) => n + (e.type === 'return-units-received' ? e.payload.lines.reduce((m, l) => m + l.quantity, 0) : 0), 0);
  const unsent = events.filter((e) => e.state === 'pending').length;
  const state = useStation.getState();
  if (state.openReturnId !== tombstone.id) return;
  state.openReturn(null);
  state.say('error', returnClosedMessage(tombstone.closed, { conflictedUnits, unsent }));
}
