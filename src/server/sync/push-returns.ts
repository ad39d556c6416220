import type { Queryable } from '../db/database';
import type { Actor, ReturnStationEvent } from '../../shared/events/station-events';
import { applyReturnEvent } from '../../shared/sync/return-reducer';
import type { Principal } from '../auth/principal';
import { Problem } from '../http/problem';
import { completeReturn, inspectReturn, receiveReturn, type ReturnActionContext } from '../returns/return-actions';
import { loadReturn, markReturnApplied } from '../returns/return-store';
import { regradeReturn } from '../returns/regrade-return';
import { ACTOR_NOT_AUTHORIZED, checkActor, type ActorUser } from './push-actors';

/**
 * Applies one returns-desk event inside the push transaction (push.ts records its timeline row,
 * the acknowledgement, in the same transaction). It goes through the same actions as the REST
 * routes (receive, inspect, complete), so stock, backorders and the refund request follow exactly
 * as they would at the API. An event that no longer fits the return (rejected or cancelled
 * meanwhile, or more units than authorized) changes nothing but is kept, as conflicted, with a
 * supervisor task: the units are physically at the desk.
 */
export interface PushedReturnResult {
  outcome: 'applied' | 'conflicted' | 'rejected';
  code: string | null;
  message: string | null;
  actor: Actor;
  task: ReturnTask | null;
}

export interface ReturnTask {
  id: string;
  title: string;
  orderId: string;
  fulfillmentOrderId: null;
  eventId: string;
  warehouseId: string;
  detail: Record<string, unknown>;
}

export interface PushPrefixes {
  orderNumberPrefix: string;
  returnNumberPrefix: string;
}

export async function applyPushedReturnEvent(
  tx: Queryable,
  station: { id: string; warehouseId: string },
  event: ReturnStationEvent,
  users: ReadonlyMap<string, ActorUser>,
  prefixes: PushPrefixes,
): Promise<PushedReturnResult> {
  const [row] = await tx.query<{ warehouse_id: string | null; order_id: string }>(
    'select warehouse_id, order_id from returns where id = $1 for update',
    [event.returnId],
  );
  if (!row || row.warehouse_id !== station.warehouseId || row.order_id !== event.orderId) {
    const message = row ? 'the return belongs to another warehouse' : 'no such return';
    return { outcome: 'rejected', code: 'out_of_scope', message, actor: event.actor, task: null };
  }
  const who = checkActor(event, station.id, station.warehouseId, users);
  if (who.verdict === 'rejected') return { outcome: 'rejected', code: who.code, message: who.message, actor: event.actor, task: null };

  const doc = await loadReturn(tx, event.returnId, true);
  if (who.verdict === 'not_authorized' && APPLIED_ONLY_FOR_ALLOWED_ACTORS.has(event.type)) {
    await markReturnApplied(tx, doc.id, station.warehouseId, station.id, event.seq);
    return notAppliedForActor(event, doc, station.warehouseId, who);
  }
  const principal: Principal = { kind: 'station', id: station.id, name: 'station', role: 'station', warehouseId: station.warehouseId };
  const ctx: ReturnActionContext = { principal, actor: who.actor, ...prefixes };
  let refusal: { code: string; message: string } | null = null;
  const trial = applyReturnEvent(doc, event);
  if (!trial.ok) {
    refusal = trial;
  } else {
    // Whatever the action wrote is undone if it refuses after all; the event is still kept.
    await tx.query('savepoint return_event');
    try {
      await runAction(tx, event, ctx);
      await tx.query('release savepoint return_event');
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      await tx.query('rollback to savepoint return_event');
      refusal = { code: err.code, message: err.message };
    }
  }
  await markReturnApplied(tx, doc.id, station.warehouseId, station.id, event.seq);

  const base = { orderId: doc.orderId, fulfillmentOrderId: null, eventId: event.id, warehouseId: station.warehouseId };
  const actorProblem = who.verdict === 'not_authorized' ? who.message : null;
  if (!refusal) {
    if (!actorProblem) return { outcome: 'applied', code: null, message: null, actor: who.actor, task: null };
    // Applied (the units were handled), but by someone who may not do this here.
    return {
      outcome: 'conflicted',
      code: ACTOR_NOT_AUTHORIZED,
      message: actorProblem,
      actor: who.actor,
      task: {
        id: crypto.randomUUID(),
        title: `Returns work on ${doc.number} by someone who may not do it here: check it`,
        ...base,
        detail: { code: ACTOR_NOT_AUTHORIZED, message: actorProblem, eventType: event.type, actor: who.actor, returnId: doc.id },
      },
    };
  }
  const message = actorProblem ? `${refusal.message} (also: ${actorProblem})` : refusal.message;
  return {
    outcome: 'conflicted',
    code: refusal.code,
    message,
    actor: who.actor,
    task: {
      id: crypto.randomUUID(),
      title: conflictTitle(event, doc.number, doc.status),
      ...base,
      detail: {
        code: refusal.code,
        message: refusal.message,
        eventType: event.type,
        returnId: doc.id,
        payload: event.payload,
        ...(actorProblem ? { actorProblem: { code: ACTOR_NOT_AUTHORIZED, message: actorProblem, actor: who.actor } } : {}),
      },
    },
  };
}

/**
 * Judgements, not physical facts: a grade change by someone who may not make it here (another
 * role, deactivated, another warehouse's) changes nothing; it is kept as conflicted for a supervisor.
 */
const APPLIED_ONLY_FOR_ALLOWED_ACTORS: ReadonlySet<ReturnStationEvent['type']> = new Set(['return-unit-regraded']);

function notAppliedForActor(
  event: ReturnStationEvent,
  doc: { id: string; number: string; orderId: string },
  warehouseId: string,
  who: Extract<ReturnType<typeof checkActor>, { verdict: 'not_authorized' }>,
): PushedReturnResult {
  const message = `not applied: ${who.message}`;
  return {
    outcome: 'conflicted',
    code: ACTOR_NOT_AUTHORIZED,
    message,
    actor: who.actor,
    task: {
      id: crypto.randomUUID(),
      title: `A grade change on ${doc.number} by someone who may not make it here was not applied: check the unit's grade`,
      orderId: doc.orderId,
      fulfillmentOrderId: null,
      eventId: event.id,
      warehouseId,
      detail: { code: ACTOR_NOT_AUTHORIZED, message, eventType: event.type, actor: who.actor, returnId: doc.id, payload: event.payload },
    },
  };
}

async function runAction(tx: Queryable, event: ReturnStationEvent, ctx: ReturnActionContext): Promise<void> {
  switch (event.type) {
    case 'return-units-received':
      await receiveReturn(
        tx,
        event.returnId,
        {
          lines: event.payload.lines.map((l) => ({ returnLineId: l.returnLineId, quantity: l.quantity })),
          final: event.payload.final,
          note: 'received at the returns desk',
        },
        ctx,
      );
      return;
    case 'return-unit-inspected': {
      const { returnLineId, condition, disposition, note, serial } = event.payload;
      await inspectReturn(
        tx,
        event.returnId,
        {
          lines: [{ returnLineId, units: [{ condition, disposition, ...(note ? { notes: note } : {}), ...(serial ? { serial } : {}) }] }],
          note: 'graded at the returns desk',
        },
        ctx,
      );
      return;
    }
    case 'return-unit-regraded': {
      const { note, ...change } = event.payload;
      await regradeReturn(tx, event.returnId, { ...change, ...(note ? { note } : {}) }, ctx);
      return;
    }
    case 'return-inspection-completed':
      await completeReturn(tx, event.returnId, { refundShipping: false, ...(event.payload.note ? { note: event.payload.note } : {}) }, ctx);
      return;
  }
}

function conflictTitle(event: ReturnStationEvent, number: string, status: string): string {
  switch (event.type) {
    case 'return-units-received':
      return `Units of ${number} were received at the desk while the return is ${status}: find them and decide what to do with them`;
    case 'return-unit-inspected':
      return `A unit of ${number} was graded at the desk while the return is ${status}: check the unit and its disposition`;
    case 'return-unit-regraded':
      // Refused while still open too (the unit graded otherwise since): the task's message says why.
      return `A grade change at the desk on ${number} (${status}) was not applied: check the unit's grade`;
    case 'return-inspection-completed':
      return `The desk released the refund of ${number} while the return is ${status}: decide the refund`;
  }
}
