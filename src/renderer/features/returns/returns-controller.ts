import type { CONDITION_GRADES, DISPOSITIONS } from '../../../shared/domain/return-status';
import { mayRecord } from '../../../shared/domain/user-roles';
import type { ReturnStationEvent } from '../../../shared/events/station-events';
import { applyReturnEvent } from '../../../shared/sync/return-reducer';
import { ungradedUnits, type ReturnStationDocument } from '../../../shared/sync/return-document';
import { plural } from '../../../shared/words/plural';
import { actorNow } from '../../app/actor-now';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';
import { productCodesOf } from '../../scanner/scanned-code';
import { loadReturnView } from './return-view';
import { putAwayCartonRequest, returnReceiptRequest } from './return-prints';
import { createDeskPrinting } from './returns-desk-printing';
import { completionWords } from './refund-words';
import { rememberOpenReturn } from './remembered-return';
import { returnsDeskRefusals } from './returns-desk-refusals';
import { findReturn } from './find-return';
import { notAReturnedItemMessage } from './not-a-returned-item';
import { dropWhileBusy } from '../../../shared/async/drop-while-busy';
import { unitsMissing } from './missing-units';
import { leftHalfReceivedNote } from './left-half-received';
import { createRegrade } from './regrade-unit';
import { matchReturnedSerial } from '../../../shared/domain/returned-serial';
import { refusedAsBadgeAtSerial } from '../sign-in/badge-at-serial';
import { randomUuid } from '../../../shared/random-uuid';

export type Condition = (typeof CONDITION_GRADES)[number];
export type Disposition = (typeof DISPOSITIONS)[number];
type NewReturnEvent = Extract<NewEvent, { returnId: string }>;
/** The unit the grade buttons were shown for: its line, and its place among that line's units (1-based). */
export interface UnitToGrade {
  returnLineId: string;
  number: number;
}

const received = (d: ReturnStationDocument) => d.lines.reduce((n, l) => n + l.receivedQuantity, 0);
const authorized = (d: ReturnStationDocument) => d.lines.reduce((n, l) => n + l.quantity, 0);

/**
 * What the returns clerk's scans and buttons do: scan an RMA (or its order number) to open it,
 * scan each returned item to receive it, grade each unit, complete. Every step is a station event
 * in the outbox, folded into the view at once, so the desk works the same without the server.
 */
export function createReturnsController(rt: StationRuntime) {
  const state = () => useStation.getState();

  const recordChecked = (doc: ReturnStationDocument, event: NewReturnEvent) => recordCheckedEvent(rt, doc, event);
  const base = (doc: ReturnStationDocument) => ({ returnId: doc.id, orderId: doc.orderId, actor: actorNow(rt.stationId) });

  const remembered = rememberOpenReturn(rt); // after a reload, the RMA that was open opens again
  const printing = createDeskPrinting(rt);
  // A code the desk knows is named when refused, never asked of main as a badge.
  const refusals = returnsDeskRefusals(rt, async () => (await currentView())?.doc ?? null);
  const clerk = () => state().people?.signedIn?.name ?? null;

  async function currentView() {
    const id = state().openReturnId;
    return id ? loadReturnView(rt.db, rt.stationId, id) : null;
  }

  async function openByCode(code: string): Promise<boolean> {
    const found = await findReturn(rt.db, code);
    if (found === 'several') return (state().say('error', `${code} has several open returns: scan the RMA number instead`), true);
    if (!found) return false;
    const view = (await loadReturnView(rt.db, rt.stationId, found.id))!;
    const doc = view.doc;
    // Scanning the open RMA again is the scanner-only way to finish it.
    if (doc.id === state().openReturnId && doc.status === 'inspected') {
      await complete();
      return true;
    }
    const previous = state().openReturnId;
    const note = previous && previous !== doc.id ? leftHalfReceivedNote((await loadReturnView(rt.db, rt.stationId, previous))?.doc) : '';
    state().openReturn(doc.id);
    state().say('success', `Opened ${doc.number} (${doc.orderNumber}): ${nextStep(doc)}.${note}`, 'success');
    return true;
  }

  async function receiveItem(code: string): Promise<void> {
    const view = await currentView();
    if (!view) return state().say('error', 'This return is no longer open at this desk');
    const doc = view.doc;
    const codes = productCodesOf(code);
    const matches = doc.lines.filter((l) => codes.includes(l.barcode ?? '') || codes.includes(l.sku));
    if (!matches.length) return refusals.notOnReturn(code, doc.number);
    const line = matches.find((l) => l.receivedQuantity < l.quantity);
    if (!line)
      return state().say(
        'error',
        `Too many: all ${matches[0]!.quantity} × ${matches[0]!.name} authorized on ${doc.number} are already received`,
      );
    if (
      await recordChecked(doc, {
        ...base(doc),
        type: 'return-units-received',
        payload: { lines: [{ returnLineId: line.id, quantity: 1, barcode: code }], final: false },
      })
    ) {
      const after = received(doc) + 1;
      const total = authorized(doc);
      if (after >= total) {
        state().say('success', `Everything received: ${plural(total, 'unit')}. Grade each unit.`, 'complete');
        const done = await currentView();
        if (done) await printing.whereRouted((settings) => returnReceiptRequest(done.doc, settings, clerk(), new Date()));
      } else state().say('success', `${line.name} received (${after} of ${total})`, 'success');
    }
  }

  async function onScan(code: string): Promise<void> {
    if (state().message?.needsAck) return refusals.untilAcknowledged(code);
    const user = state().people?.signedIn;
    if (user && !mayRecord(user.role, 'return-units-received'))
      return refusals.refuse(code, `${user.name} (${user.role}) cannot receive returns: sign out for a returns clerk.`);
    if (await openByCode(code)) return;
    const notAnItem = notAReturnedItemMessage(code, (await currentView())?.doc.number ?? null);
    if (notAnItem) return state().say('error', notAnItem);
    if (!state().openReturnId) return refusals.refuse(code, (named) => `${named} is not an open return at this desk`);
    await receiveItem(code);
  }

  // Each button acts once however often it is tapped: a press while the last is being recorded is
  // dropped, and one the view has already seen done (unit graded, return completed) records nothing.

  /**
   * Nothing more is in the box: receiving closes with what arrived, and grading can start.
   * `confirmedMissing`: the units the clerk confirmed are missing; a scan since then changed it,
   * so the clerk is asked again rather than closing on a count they did not see.
   */
  const closeReceiving = dropWhileBusy(async (confirmedMissing: number): Promise<void> => {
    const view = await currentView();
    if (!view || view.doc.status === 'received') return;
    const missing = unitsMissing(view.doc);
    if (missing !== confirmedMissing)
      return state().say('error', `${view.doc.number} now has ${plural(missing, 'unit')} missing: press Nothing more in the box again`);
    if (await recordChecked(view.doc, { ...base(view.doc), type: 'return-units-received', payload: { lines: [], final: true } })) {
      state().say(
        'success',
        `Receiving of ${view.doc.number} closed with ${received(view.doc)} of ${plural(authorized(view.doc), 'unit')}. Grade each unit.`,
        'success',
      );
      await printing.whereRouted((settings) => returnReceiptRequest(view.doc, settings, clerk(), new Date()));
    }
  });

  /** Grades a unit; 'serial-refused' when its serial was a badge (the unit is not graded, and the field should be emptied). */
  const grade = dropWhileBusy(
    async (unit: UnitToGrade, condition: Condition, disposition: Disposition, note: string | null, serial: string | null = null) => {
      const view = await currentView();
      if (!view) return;
      const doc = view.doc;
      // Graded already: a late second tap must not grade the line's next unit the same way.
      if ((doc.lines.find((l) => l.id === unit.returnLineId)?.units.length ?? 0) >= unit.number) return;
      if (serial && (await badgeAsSerial(rt, doc, unit, serial))) return 'serial-refused' as const;
      const payload = { returnLineId: unit.returnLineId, condition, disposition, note, ...(serial ? { serial } : {}) };
      const graded = await recordChecked(doc, { ...base(doc), type: 'return-unit-inspected', payload });
      if (graded) {
        const left = ungradedUnits(doc).reduce((n, u) => n + u.count, 0) - 1;
        if (left > 0)
          state().say(
            'success',
            `Graded: ${condition.replace(/_/g, ' ')}, ${disposition.replace(/_/g, ' ')}. ${plural(left, 'unit')} left to grade.`,
            'success',
          );
        else state().say('success', completionWords(graded).graded, 'complete');
      }
    },
  );

  const regrade = createRegrade(currentView, (doc, payload) => recordChecked(doc, { ...base(doc), type: 'return-unit-regraded', payload }));

  /** The Complete button and scanning the RMA again both come here, so the two together complete once. */
  const complete = dropWhileBusy(async (): Promise<void> => {
    const view = await currentView();
    if (!view || view.doc.status === 'completed') return;
    if (await recordChecked(view.doc, { ...base(view.doc), type: 'return-inspection-completed', payload: { note: null } })) {
      state().openReturn(null);
      state().say('success', completionWords(view.doc).completed(state().sync.connection.online), 'complete');
      // The graded units going back to stock leave the desk in a carton with its own SSCC.
      await printing.whereRouted((settings) => putAwayCartonRequest(view.doc, settings, randomUuid()));
    }
  });

  async function printReturnLabel(weightGrams?: number): Promise<'asked' | 'needs-weight'> {
    const view = await currentView();
    return view ? printing.returnLabel(view.doc, weightGrams) : 'asked';
  }

  return { onScan, closeReceiving, grade, regrade, complete, printReturnLabel, close: remembered.stop };
}
export type ReturnsController = ReturnType<typeof createReturnsController>;

/**
 * A serial that did not ship in this order, about to be recorded with the grade, may be a badge
 * (scanned into the field by reflex): then it is refused (said) and the unit is not graded. One
 * that shipped in the order is a unit's serial, and main is not asked.
 */
async function badgeAsSerial(rt: StationRuntime, doc: ReturnStationDocument, unit: UnitToGrade, serial: string): Promise<boolean> {
  const shipped = ['shipped', 'other-line'].includes(matchReturnedSerial(doc, unit.returnLineId, serial).kind);
  return !shipped && refusedAsBadgeAtSerial(rt.client, serial, 'serial');
}

/** Checks the event against the current view with the shared reducer before recording it; the return with it, or null. */
async function recordCheckedEvent(
  rt: StationRuntime,
  doc: ReturnStationDocument,
  event: NewReturnEvent,
): Promise<ReturnStationDocument | null> {
  const trial = applyReturnEvent(doc, {
    ...event,
    id: randomUuid(),
    seq: Number.MAX_SAFE_INTEGER,
    stationId: rt.stationId,
    occurredAt: new Date().toISOString(),
  } as ReturnStationEvent);
  if (!trial.ok) {
    useStation.getState().say('error', trial.message);
    return null;
  }
  await rt.outbox.record(event);
  return trial.doc;
}

/** What the clerk does next with this return. */
export function nextStep(doc: ReturnStationDocument): string {
  switch (doc.status) {
    case 'authorized':
    case 'partially_received':
      return 'scan each returned item';
    case 'received':
      return 'grade each unit';
    case 'inspected':
      return completionWords(doc).nextStep;
    default:
      return `it is ${doc.status}`;
  }
}
