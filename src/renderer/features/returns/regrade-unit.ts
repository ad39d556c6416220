import type { ReturnStationEvent, UnitGrade } from '../../../shared/events/station-events';
import { dropWhileBusy } from '../../../shared/async/drop-while-busy';
import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import { gradeWords } from '../../../shared/sync/return-regrade';
import { useStation } from '../../app/station-store';
import type { UnitToGrade } from './returns-controller';

type RegradePayload = Extract<ReturnStationEvent, { type: 'return-unit-regraded' }>['payload'];

/**
 * The desk's "Change grade": a graded unit graded again, until the return is completed (a wrong
 * button, or damage found on a second look). `record` checks it with the shared rule, which
 * refuses it after Complete (the grades are final), and writes it to the outbox.
 */
export function createRegrade(
  currentView: () => Promise<{ doc: ReturnStationDocument } | null>,
  record: (doc: ReturnStationDocument, payload: RegradePayload) => Promise<unknown>,
) {
  const say: ReturnType<typeof useStation.getState>['say'] = (...args) => useStation.getState().say(...args);
  return dropWhileBusy(async (unit: UnitToGrade, grade: UnitGrade, note: string | null): Promise<void> => {
    const view = await currentView();
    if (!view) return say('error', 'This return is no longer open at this desk');
    const doc = view.doc;
    const line = doc.lines.find((l) => l.id === unit.returnLineId);
    const current = line?.units[unit.number - 1];
    // Already so (a late second tap) on a return still open: nothing to record.
    if (current && current.condition === grade.condition && current.disposition === grade.disposition && doc.status !== 'completed') return;
    // A unit not graded has no grade to change: the shared rule says so.
    const previous = current ? { condition: current.condition, disposition: current.disposition } : grade;
    if (await record(doc, { returnLineId: unit.returnLineId, unit: unit.number, previous, grade, note }))
      say('success', `${line!.name}, unit ${unit.number}: now ${gradeWords(grade)} (was ${gradeWords(previous)})`, 'success');
  });
}
