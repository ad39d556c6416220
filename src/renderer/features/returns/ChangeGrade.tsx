import { useState } from 'react';
import { CONDITION_GRADES, DISPOSITIONS, dispositionRefusal } from '../../../shared/domain/return-status';
import type { ReturnLineDoc } from '../../../shared/api/returns';
import { gradeWords } from '../../../shared/sync/return-regrade';
import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import type { Condition, ReturnsController, UnitToGrade } from './returns-controller';

const words = (s: string) => s.replace(/_/g, ' ');

/** Grades may change while the return is being graded or waits for Complete; after it, they are final. */
export const gradesMayChange = (doc: ReturnStationDocument) => doc.status === 'received' || doc.status === 'inspected';

/** A line's grades as the desk reads them, and its "Change grade" action while grades may change. */
export function GradedUnits(props: { line: ReturnLineDoc; changeable: boolean; onChange: () => void }) {
  const { line } = props;
  const text = line.units
    .map((u) => `${gradeWords(u)}${u.serial ? ` (SN ${u.serial})` : ''}${u.regradedAt ? ' (changed)' : ''}`)
    .join(', ');
  return (
    <>
      <span data-testid="graded">{text || '—'}</span>
      {props.changeable && line.units.length > 0 && (
        <button className="change-grade" onClick={props.onChange} data-testid="change-grade" aria-label={`Change grade of ${line.name}`}>
          Change grade
        </button>
      )}
    </>
  );
}

/**
 * Grade a graded unit again: which unit (the last graded is chosen first, the likeliest slip),
 * its new condition, then what happens to it, which records the change. Escape or "Keep grade" leaves it as it is.
 */
export function ChangeGrade(props: {
  doc: ReturnStationDocument;
  returnLineId: string;
  controller: ReturnsController;
  onClose: () => void;
}) {
  const line = props.doc.lines.find((l) => l.id === props.returnLineId);
  const [number, setNumber] = useState(line?.units.length ?? 0);
  const [condition, setCondition] = useState<Condition | null>(null);
  const [note, setNote] = useState('');
  const current = line?.units[number - 1];
  if (!line || !current) return null;
  const unit: UnitToGrade = { returnLineId: line.id, number };
  const same = (d: (typeof DISPOSITIONS)[number]) => condition === current.condition && d === current.disposition;
  return (
    <div
      className="grade-unit change-grade-panel"
      data-testid="change-grade-panel"
      data-sku={line.sku}
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <h3>
        Change the grade of {line.name} (<span className="ident">{line.sku}</span>)
      </h3>
      {line.units.length > 1 && (
        <div className="big-buttons" role="group" aria-label="Unit">
          {line.units.map((u, i) => (
            <button key={i} aria-pressed={number === i + 1} onClick={() => setNumber(i + 1)} data-testid={`regrade-unit-${i + 1}`}>
              Unit {i + 1}: {gradeWords(u)}
            </button>
          ))}
        </div>
      )}
      <p className="hint-small" data-testid="current-grade">
        Unit {number} is graded {gradeWords(current)}. Choose its condition, then what happens to it.
      </p>
      <div className="big-buttons" role="group" aria-label="New condition">
        {CONDITION_GRADES.map((c) => (
          <button
            key={c}
            aria-pressed={condition === c}
            onClick={() => setCondition(c)}
            data-testid={`regrade-condition-${c}`}
            autoFocus={c === current.condition}
          >
            {words(c)}
          </button>
        ))}
      </div>
      <label className="note">
        Why <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} data-testid="regrade-note" />
      </label>
      <div className="big-buttons" role="group" aria-label="New disposition">
        {DISPOSITIONS.map((d) => (
          <button
            key={d}
            className="disposition"
            disabled={!condition || same(d) || !!dispositionRefusal(condition, d)}
            title={condition ? (dispositionRefusal(condition, d) ?? undefined) : undefined}
            onClick={() => {
              if (!condition) return;
              void props.controller.regrade(unit, { condition, disposition: d }, note.trim() || null);
              props.onClose();
            }}
            data-testid={`regrade-disposition-${d}`}
          >
            {words(d)}
          </button>
        ))}
      </div>
      <button onClick={props.onClose} data-testid="keep-grade">
        Keep grade
      </button>
    </div>
  );
}
