import type { ReturnDocument } from '../api/returns';
import { dispositionRefusal } from '../domain/return-status';
import type { UnitGrade } from '../events/station-events';
import type { ReturnReduceResult } from './return-reducer';

/**
 * Changing a graded unit's grade (return-unit-regraded), pure: the station checks it before
 * recording, folds it into its view, and the server applies it with the same rule. Grades may
 * change while the return is being inspected; once it is completed the refund and the stock were
 * decided on them, so they are final.
 */
export interface Regrade {
  returnLineId: string;
  /** The unit's place among the line's graded units, from 1. */
  unit: number;
  /** The grade the clerk saw; omitted (API), the unit's grade is changed whatever it is now. */
  previous?: UnitGrade | null;
  grade: UnitGrade;
  note: string | null;
}

/** Refusals about the request itself rather than the return's state (HTTP 422). */
export const REGRADE_INPUT_REFUSALS = ['return_unit_not_graded', 'return_grade_unchanged'] as const;

/** "damaged → quarantine", as the desk shows a grade. */
export const gradeWords = (g: UnitGrade) => `${g.condition.replace(/_/g, ' ')} → ${g.disposition.replace(/_/g, ' ')}`;

const refuse = (code: string, message: string) => ({ ok: false as const, code, message });
const sameGrade = (a: UnitGrade, b: UnitGrade) => a.condition === b.condition && a.disposition === b.disposition;

export function regradeUnit<D extends ReturnDocument>(doc: D, change: Regrade, at: string, by: string): ReturnReduceResult<D> {
  if (doc.status === 'completed')
    return refuse(
      'return_grades_final',
      `${doc.number} is completed: its grades are final (the refund and the stock were decided on them)`,
    );
  if (doc.status === 'rejected' || doc.status === 'cancelled')
    return refuse('return_status_final', `${doc.number} is ${doc.status}: its grades can no longer change`);
  const line = doc.lines.find((l) => l.id === change.returnLineId);
  if (!line) return refuse('line_not_in_return', `line ${change.returnLineId} is not on ${doc.number}`);
  const index = change.unit - 1;
  const current = line.units[index];
  if (!current)
    return refuse('return_unit_not_graded', `${line.sku}: unit ${change.unit} is not graded yet, so there is no grade to change`);
  if (change.previous && !sameGrade(current, change.previous))
    return refuse(
      'return_grade_changed',
      `${line.sku}: unit ${change.unit} is graded ${gradeWords(current)} now, not ${gradeWords(change.previous)}: look at it again`,
    );
  if (sameGrade(current, change.grade))
    return refuse('return_grade_unchanged', `${line.sku}: unit ${change.unit} is already graded ${gradeWords(current)}`);
  const unfit = dispositionRefusal(change.grade.condition, change.grade.disposition);
  if (unfit) return refuse('return_unit_not_sellable', `${line.sku}: ${unfit}`);
  const regraded = { ...current, ...change.grade, notes: change.note ?? current.notes, regradedAt: at, regradedBy: by };
  const lines = doc.lines.map((l) => (l === line ? { ...l, units: l.units.map((u, i) => (i === index ? regraded : u)) } : l));
  return { ok: true, doc: { ...doc, lines } };
}
