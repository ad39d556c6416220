import { plural } from '../../../shared/words/plural';
import { useState } from 'react';
import { expectsSerial, matchReturnedSerial, serialMatchText } from '../../../shared/domain/returned-serial';
import { TrackingText, trackingInScan } from '../../../shared/domain/unit-tracking';
import { CONDITION_GRADES, DISPOSITIONS, dispositionRefusal } from '../../../shared/domain/return-status';
import { ungradedUnits, type ReturnStationDocument } from '../../../shared/sync/return-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { useObservable } from '../../app/use-rx';
import type { OutboxDocument } from '../../db/schemas';
import { nextStep, type Condition, type ReturnsController } from './returns-controller';
import { returnViewOf } from './return-view';
import { ManualEntry } from '../../scanner/ManualEntry';
import { inTurn } from '../../scanner/one-scan-at-a-time';
import { useActiveLine } from '../floor/active-line';
import { ReturnLabelPrint } from './ReturnLabelPrint';
import { CloseReceiving } from './CloseReceiving';
import { completionWords, refundAmountWords } from './refund-words';
import { listedReturns } from './return-queue';
import { itemCodesOf } from '../../scanner/codes-expected';
import { useExpectedCodes } from '../../scanner/use-expected-codes';
import { ChangeGrade, GradedUnits, gradesMayChange } from './ChangeGrade';

const LIST_LIMIT = 100;
const words = (s: string) => s.replace(/_/g, ' ');
/** The customer's reason for returning a line, with their own words when they gave some. */
const reasonText = (l: { reasonCode: string; reasonNote: string | null }) =>
  `${words(l.reasonCode)}${l.reasonNote ? `: “${l.reasonNote}”` : ''}`;

/** The returns clerk's screen: the open returns of this warehouse, and the return being handled. */
export function ReturnsScreen({ rt, controller }: { rt: StationRuntime; controller: ReturnsController }) {
  const openId = useStation((s) => s.openReturnId);
  return (
    <div className="pack returns">
      <section className="queue" aria-label="Open returns">
        <ReturnQueue rt={rt} />
      </section>
      <section className="work" aria-label="Return being handled">
        {openId ? (
          <OpenReturn rt={rt} controller={controller} id={openId} />
        ) : (
          <p className="hint">Scan an RMA number (or the order number) to start.</p>
        )}
        <ManualEntry onCode={(code) => void inTurn(() => controller.onScan(code))} />
      </section>
    </div>
  );
}

function ReturnQueue({ rt }: { rt: StationRuntime }) {
  const docs = useObservable(() => listedReturns(rt.db, rt.stationId, LIST_LIMIT), [], [rt]);
  return (
    <>
      <h2>
        Returns{' '}
        <span className="count" data-testid="returns-count">
          {docs.length}
        </span>
      </h2>
      <div className="table-scroll">
        <table className="queue-table" data-testid="return-queue">
          <thead>
            <tr>
              <th>RMA and order</th>
              <th>Customer</th>
              <th>Units</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((doc) => (
              <tr key={doc.id} data-rma={doc.number}>
                {/* Two identifiers side by side leave the queue's column no room for the rest (1366 px, two columns). */}
                <td>
                  <div className="ident">{doc.number}</div>
                  <div className="ident muted">{doc.orderNumber}</div>
                </td>
                <td>{doc.customerName}</td>
                <td>{doc.lines.reduce((n, l) => n + l.quantity, 0)}</td>
                <td data-testid="return-row-status">{words(doc.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function OpenReturn({ rt, controller, id }: { rt: StationRuntime; controller: ReturnsController; id: string }) {
  const doc = useObservable(() => rt.db.returns.findOne(id).$, null, [rt, id]);
  const events = useObservable(() => rt.db.outbox.find({ selector: { subjectId: id }, sort: [{ seq: 'asc' }] }).$, [], [rt, id]);
  const view = doc
    ? returnViewOf(
        doc.toMutableJSON() as ReturnStationDocument,
        events.map((e) => e.toMutableJSON() as OutboxDocument),
        rt.stationId,
      )
    : null;
  useExpectedCodes(itemCodesOf(view?.doc.lines ?? []));
  const receivingNow = view?.doc.status === 'authorized' || view?.doc.status === 'partially_received';
  const activeId = useActiveLine(
    id,
    receivingNow ? view!.doc.lines.map((l) => ({ id: l.id, done: l.receivedQuantity, of: l.quantity })) : [],
  );
  /** The line whose grade the clerk is changing, if any. */
  const [changing, setChanging] = useState<string | null>(null);
  if (!view) return <p className="hint">This return is no longer open at this desk. Scan the next RMA.</p>;
  const d = view.doc;
  const received = d.lines.reduce((n, l) => n + l.receivedQuantity, 0);
  const total = d.lines.reduce((n, l) => n + l.quantity, 0);
  const receiving = d.status === 'authorized' || d.status === 'partially_received';
  const toGrade = d.status === 'received' ? ungradedUnits(d)[0] : undefined;
  return (
    <div className="open-return" data-testid="open-return" data-status={d.status}>
      <h2>
        <span className="ident">{d.number}</span>{' '}
        <span className="progress" data-testid="receive-progress">
          {received} of {total} received
        </span>
      </h2>
      <p>
        <span className="ident">{d.orderNumber}</span> · {d.customerName} · <strong data-testid="return-status">{words(d.status)}</strong>:{' '}
        {nextStep(d)}
      </p>
      {d.customerNote && (
        <p className="customer-note" data-testid="customer-note">
          Customer’s note: “{d.customerNote}”
        </p>
      )}
      <div className="table-scroll">
        <table className="lines" data-testid="return-lines">
          <thead>
            <tr>
              <th>Item</th>
              <th>SKU</th>
              <th>Barcode</th>
              <th>Reason</th>
              <th>Received</th>
              <th>Graded</th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <tr
                key={l.id}
                className={l.id === activeId ? 'active' : l.receivedQuantity >= l.quantity ? 'done' : ''}
                aria-current={l.id === activeId ? 'true' : undefined}
                data-sku={l.sku}
              >
                <td>{l.name}</td>
                <td className="ident">{l.sku}</td>
                <td className="ident">{l.barcode}</td>
                <td data-testid="reason">{reasonText(l)}</td>
                <td className="line-count" data-testid="received">
                  {l.receivedQuantity} / {l.quantity}
                </td>
                <td>
                  <GradedUnits line={l} changeable={gradesMayChange(d)} onChange={() => setChanging(l.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changing && gradesMayChange(d) ? (
        <ChangeGrade key={changing} doc={d} returnLineId={changing} controller={controller} onClose={() => setChanging(null)} />
      ) : (
        toGrade && (
          <GradeUnit key={`${toGrade.returnLineId}/${toGrade.count}`} doc={d} returnLineId={toGrade.returnLineId} controller={controller} />
        )
      )}
      {refundAmountWords(d) && (
        <p className="refund-amount" data-testid="refund-amount">
          {refundAmountWords(d)}
        </p>
      )}
      {view.unsent > 0 && (
        <p className="muted" data-testid="return-unsynced">
          {plural(view.unsent, 'change')} not yet on the server
        </p>
      )}
      {view.refused.length > 0 && (
        <p className="error-text" data-testid="return-refused">
          {view.refused[0]!.message}
        </p>
      )}
      <div className="actions">
        {d.status === 'authorized' && d.method === 'ship' && <ReturnLabelPrint rt={rt} print={controller.printReturnLabel} />}
        {receiving && received > 0 && <CloseReceiving doc={d} close={controller.closeReceiving} />}
        {d.status === 'inspected' && (
          <button className="primary" onClick={() => void controller.complete()} data-testid="complete-return">
            {completionWords(d).button}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The returned unit's serial number, typed or scanned into the field (a GS1 code's AI 21 is taken
 * from it): says which package it shipped in, or flags one that did not ship in this order.
 */
function ReturnedSerial(props: { doc: ReturnStationDocument; returnLineId: string; value: string; onChange: (v: string) => void }) {
  const serial = trackingInScan(props.value).serial ?? props.value.trim();
  const match = serial ? matchReturnedSerial(props.doc, props.returnLineId, serial) : null;
  return (
    <div className="returned-serial">
      <label className="note">
        Serial number{' '}
        <input value={props.value} onChange={(e) => props.onChange(e.target.value)} maxLength={100} data-testid="returned-serial" />
      </label>
      {match && (
        <p
          className={match.kind === 'shipped' ? 'hint-small' : 'error-text'}
          data-testid="serial-match"
          data-match={match.kind}
          role={match.kind === 'shipped' ? 'status' : 'alert'}
        >
          {serialMatchText(props.doc, serial, match)}
        </p>
      )}
    </div>
  );
}

/** One unit at a time: its condition, then what happens to it (which records the grade). */
function GradeUnit({ doc, returnLineId, controller }: { doc: ReturnStationDocument; returnLineId: string; controller: ReturnsController }) {
  const [condition, setCondition] = useState<Condition | null>(null);
  const [note, setNote] = useState('');
  const [serial, setSerial] = useState('');
  const line = doc.lines.find((l) => l.id === returnLineId)!;
  const typed = trackingInScan(serial).serial ?? serial.trim();
  const unit = { returnLineId, number: line.units.length + 1 };
  const serialOk = !typed || TrackingText.safeParse(typed).success;
  return (
    <div className="grade-unit" data-testid="grade-unit" data-sku={line.sku}>
      <h3>
        Grade unit <span className="current-item__count">{unit.number}</span> of {line.receivedQuantity}: {line.name} (
        <span className="ident">{line.sku}</span>)
      </h3>
      <p className="hint-small" data-testid="grade-reason">
        Customer’s reason: {reasonText(line)}
      </p>
      <div className="big-buttons" role="group" aria-label="Condition">
        {CONDITION_GRADES.map((c) => (
          <button key={c} aria-pressed={condition === c} onClick={() => setCondition(c)} data-testid={`condition-${c}`}>
            {words(c)}
          </button>
        ))}
      </div>
      <label className="note">
        Note <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} data-testid="grade-note" />
      </label>
      {expectsSerial(line) && <ReturnedSerial doc={doc} returnLineId={returnLineId} value={serial} onChange={setSerial} />}
      <div className="big-buttons" role="group" aria-label="Disposition">
        {DISPOSITIONS.map((d) => (
          <button
            key={d}
            className="disposition"
            disabled={!condition || !serialOk || !!dispositionRefusal(condition, d)}
            title={condition ? (dispositionRefusal(condition, d) ?? undefined) : undefined}
            onClick={() =>
              condition &&
              serialOk &&
              // A badge in the serial field is refused (said): it is not left on screen either.
              void controller
                .grade(unit, condition, d, note.trim() || null, typed || null)
                .then((r) => r === 'serial-refused' && setSerial(''))
            }
            data-testid={`disposition-${d}`}
          >
            {words(d)}
          </button>
        ))}
      </div>
      {!condition && <p className="hint-small">Choose the condition, then what happens to the unit.</p>}
      {condition && dispositionRefusal(condition, 'restock') && (
        <p className="hint-small" data-testid="not-restocked">
          {dispositionRefusal(condition, 'restock')}.
        </p>
      )}
      {!serialOk && <p className="error-text">A serial number is up to 20 characters without spaces.</p>}
    </div>
  );
}
