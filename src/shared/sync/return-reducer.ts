import type { InspectedUnitRecord, ReturnDocument } from '../api/returns';
import { dispositionRefusal, returnMachine, type ReturnStatus } from '../domain/return-status';
import { checkTransition } from '../domain/state-machine';
import { plural } from '../words/plural';
import type { ReturnStationEvent } from '../events/station-events';
import { REGRADE_INPUT_REFUSALS, regradeUnit } from './return-regrade';

/**
 * The return's receiving and inspection rules, pure. The server's REST actions and its push of
 * station events use them to change a return; the station folds its pending returns-desk events
 * with them. So a unit the desk may not receive is refused with the same code everywhere.
 */
export type ReturnRefusal = { ok: false; code: string; message: string };
export type ReturnReduceResult<D extends ReturnDocument = ReturnDocument> = { ok: true; doc: D } | ReturnRefusal;

const refuse = (code: string, message: string): ReturnRefusal => ({ ok: false, code, message });

/** Refusals that mean "this request names something wrong" rather than "not in this state" (HTTP 422 vs 409). */
export const RETURN_INPUT_REFUSALS: ReadonlySet<string> = new Set([
  'line_not_in_return',
  'return_over_received',
  'return_over_inspected',
  'return_unit_not_sellable',
  ...REGRADE_INPUT_REFUSALS,
]);

function moveTo<D extends ReturnDocument>(doc: D, to: ReturnStatus, at: string): ReturnReduceResult<D> {
  const t = checkTransition(returnMachine, doc.status, to, {});
  if (!t.ok) return t;
  return { ok: true, doc: { ...doc, status: to, milestones: { ...doc.milestones, [to]: doc.milestones[to] ?? at } } };
}

export function receiveUnits<D extends ReturnDocument>(
  doc: D,
  received: readonly { returnLineId: string; quantity: number }[],
  final: boolean,
  at: string,
): ReturnReduceResult<D> {
  if (doc.status !== 'authorized' && doc.status !== 'partially_received') {
    return refuse(
      doc.status === 'requested' ? 'return_not_authorized' : 'return_transition_forbidden',
      `the return is ${doc.status}; units are received on an authorized return`,
    );
  }
  const lines = doc.lines.map((l) => ({ ...l }));
  for (const r of received) {
    const line = lines.find((l) => l.id === r.returnLineId);
    if (!line) return refuse('line_not_in_return', `line ${r.returnLineId} is not on ${doc.number}`);
    if (line.receivedQuantity + r.quantity > line.quantity) {
      return refuse(
        'return_over_received',
        `${line.sku}: ${plural(line.quantity - line.receivedQuantity, 'more unit')} authorized, not ${r.quantity}`,
      );
    }
    line.receivedQuantity += r.quantity;
  }
  const complete = lines.every((l) => l.receivedQuantity === l.quantity);
  if (final && !complete && lines.every((l) => l.receivedQuantity === 0)) {
    return refuse('return_nothing_received', 'nothing was received; cancel the return instead');
  }
  return moveTo({ ...doc, lines }, complete || final ? 'received' : 'partially_received', at);
}

export type GradedUnit = Omit<InspectedUnitRecord, 'inspectedAt' | 'inspectedBy'>;

export function inspectUnits<D extends ReturnDocument>(
  doc: D,
  graded: readonly { returnLineId: string; units: readonly GradedUnit[] }[],
  at: string,
  by: string,
): ReturnReduceResult<D> {
  if (doc.status !== 'received') return refuse('return_not_received', `the return is ${doc.status}; inspect it once receiving is done`);
  const lines = doc.lines.map((l) => ({ ...l, units: [...l.units] }));
  for (const g of graded) {
    const line = lines.find((l) => l.id === g.returnLineId);
    if (!line) return refuse('line_not_in_return', `line ${g.returnLineId} is not on ${doc.number}`);
    if (line.units.length + g.units.length > line.receivedQuantity) {
      return refuse(
        'return_over_inspected',
        `${line.sku}: ${plural(line.receivedQuantity - line.units.length, 'received unit')} left to inspect, not ${g.units.length}`,
      );
    }
    for (const u of g.units) {
      const unfit = dispositionRefusal(u.condition, u.disposition);
      if (unfit) return refuse('return_unit_not_sellable', `${line.sku}: ${unfit}`);
      line.units.push({ ...u, inspectedAt: at, inspectedBy: by });
    }
  }
  const done = lines.every((l) => l.units.length === l.receivedQuantity);
  return done ? moveTo({ ...doc, lines }, 'inspected', at) : { ok: true, doc: { ...doc, lines } };
}

/** Completion itself (the refund) is the server's; the rule of when it may happen is shared. */
export function completeInspection<D extends ReturnDocument>(doc: D, at: string): ReturnReduceResult<D> {
  if (doc.status === 'received' || doc.status === 'partially_received' || doc.status === 'authorized') {
    return refuse('return_not_inspected', `the return is ${doc.status}; grade every received unit first`);
  }
  return moveTo(doc, 'completed', at);
}

/** Folds one returns-desk event into a return. Never mutates `doc`. */
export function applyReturnEvent<D extends ReturnDocument>(doc: D, event: ReturnStationEvent): ReturnReduceResult<D> {
  if (event.returnId !== doc.id) return refuse('event_wrong_document', 'event belongs to another return');
  const bump = (r: ReturnReduceResult<D>) =>
    r.ok ? { ok: true as const, doc: { ...r.doc, updatedAt: event.occurredAt > doc.updatedAt ? event.occurredAt : doc.updatedAt } } : r;
  switch (event.type) {
    case 'return-units-received':
      return bump(receiveUnits(doc, event.payload.lines, event.payload.final, event.occurredAt));
    case 'return-unit-inspected': {
      const { returnLineId, condition, disposition, note, serial } = event.payload;
      return bump(
        inspectUnits(
          doc,
          [{ returnLineId, units: [{ condition, disposition, notes: note, serial: serial ?? null }] }],
          event.occurredAt,
          event.actor.id,
        ),
      );
    }
    case 'return-unit-regraded':
      return bump(regradeUnit(doc, event.payload, event.occurredAt, event.actor.id));
    case 'return-inspection-completed':
      return bump(completeInspection(doc, event.occurredAt));
  }
}
