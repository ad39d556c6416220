import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { PushOutcome } from '../../shared/sync/sync-protocol';
import type { ConflictTask, Decision, RecordedEntry, ShippedUnits, TaskRow, Unpacked } from './push-classify';
import { rejectionTask } from './push-rejected';
import { joinConflictTask } from './conflict-join';
import type { PushState } from './push-state';
import type { PickFact } from '../picking/pick-facts';
import { serialKey, type PackedUnitRow } from '../lots/packed-unit-store';

/**
 * Everything a batch's decisions add up to, gathered in memory so push-store.ts writes it with a
 * fixed number of statements: the answers, the timeline rows, the supervisor tasks, the stock
 * that left, and the documents before and after. Taking a decision also updates the batch's
 * state, so the next event of the batch sees this one as the database would.
 */
export class PushEffects {
  readonly outcomes: PushOutcome[] = [];
  readonly timeline: RecordedEntry[] = [];
  private readonly plainTasks: TaskRow[] = [];
  private readonly actorTasks = new Map<string, TaskRow & { detail: { eventIds: string[]; eventTypes: string[] } }>();
  private readonly conflictTasks = new Map<string, ConflictTask>();
  private readonly shippedBySku = new Map<string, ShippedUnits>();
  /** Picks and short picks recorded by this batch, in seq order (picking/pick-facts.ts applies them). */
  readonly picks: PickFact[] = [];
  /** Lots and serials of the packages this batch records. */
  packed: PackedUnitRow[] = [];
  /** Packages unpacked by this batch: their stored lots and serials are no longer packed (written before `packed`). */
  readonly unpacked: Unpacked[] = [];
  /** Each changed fulfillment order as it was loaded. */
  private readonly loaded = new Map<string, FulfillmentDocument>();

  constructor(private readonly state: PushState) {}

  take(decision: Exclude<Decision, { kind: 'return-event' }>): void {
    if (decision.kind === 'answer') {
      this.outcomes.push(decision.outcome);
      return;
    }
    const { entry } = decision;
    this.timeline.push(entry);
    this.outcomes.push(outcomeOf(entry));
    const seen = {
      id: entry.id.toLowerCase(),
      station_id: entry.stationId ?? null,
      station_seq: entry.stationSeq,
      outcome: entry.outcome,
      outcome_code: entry.outcomeCode,
      outcome_message: entry.outcomeMessage,
    };
    this.state.seenBySeq.set(entry.stationSeq, seen);
    this.state.seenById.set(seen.id, seen);
    this.plainTasks.push(...decision.tasks);
    if (entry.outcome === 'rejected') this.plainTasks.push(rejectionTask(entry, this.state.station));
    if (decision.actorTask) this.addActorTask(decision.actorTask.key, decision.actorTask.task);
    if (decision.conflictTask) this.addConflictTask(decision.conflictTask);
    if (decision.doc) {
      const before = this.state.docs.get(decision.doc.id);
      if (before && !this.loaded.has(before.id)) this.loaded.set(before.id, before);
      this.state.docs.set(decision.doc.id, decision.doc);
    }
    if (decision.pick && entry.outcome !== 'rejected') this.picks.push(decision.pick);
    for (const p of decision.packed ?? []) {
      this.packed.push(p);
      if (p.unit.serial)
        this.state.packedSerials.set(serialKey(p.sku, p.unit.serial), {
          sku: p.sku,
          serial: p.unit.serial,
          packageId: p.packageId,
          fulfillmentOrderId: p.fulfillmentOrderId,
          orderId: p.orderId,
          orderNumber: this.state.docs.get(p.fulfillmentOrderId)?.orderNumber ?? null,
          warehouseId: p.warehouseId,
          packedAt: p.packedAt,
        });
    }
    if (decision.unpacked && entry.outcome !== 'rejected') this.unpack(decision.unpacked);
    for (const s of decision.shipped ?? []) {
      const key = `${s.warehouseId}/${s.sku}`;
      const cur = this.shippedBySku.get(key) ?? { ...s, quantity: 0 };
      cur.quantity += s.quantity;
      this.shippedBySku.set(key, cur);
    }
  }

  /** A package's serials may go into the next package, in this batch too. */
  private unpack(unpacked: Unpacked): void {
    const { packageId } = unpacked;
    this.unpacked.push(unpacked);
    this.packed = this.packed.filter((p) => p.packageId !== packageId);
    for (const [key, where] of this.state.packedSerials) if (where.packageId === packageId) this.state.packedSerials.delete(key);
  }

  private addActorTask(key: string, task: TaskRow & { detail: { eventIds: string[]; eventTypes: string[] } }): void {
    const open = this.actorTasks.get(key);
    if (!open) return void this.actorTasks.set(key, task);
    open.detail.eventIds.push(...task.detail.eventIds);
    open.detail.eventTypes.push(...task.detail.eventTypes);
  }

  /** One task per order and follow-up: the batch's later events join it, and the most pressing one says what to do. */
  private addConflictTask(next: ConflictTask): void {
    const open = this.conflictTasks.get(next.key);
    if (!open) return void this.conflictTasks.set(next.key, { ...next, task: { ...next.task, detail: { ...next.task.detail } } });
    joinConflictTask(open, next);
  }

  /** The tasks this batch opens, but for its conflict tasks (`conflicts`), which may join tasks open already. */
  get tasks(): TaskRow[] {
    return [...this.plainTasks, ...this.actorTasks.values()];
  }

  /** One conflict task per fulfillment order and follow-up (the batch's station is the same for all). */
  get conflicts(): ConflictTask[] {
    return [...this.conflictTasks.values()];
  }

  /** Units that left each warehouse, in a fixed order (stock rows are locked in it). */
  get shipped(): ShippedUnits[] {
    return [...this.shippedBySku.values()].sort((a, b) => (a.warehouseId + a.sku < b.warehouseId + b.sku ? -1 : 1));
  }

  /** The fulfillment orders this batch changed, as loaded and as they are now. */
  get changedDocs(): { before: FulfillmentDocument; after: FulfillmentDocument }[] {
    return [...this.loaded.values()].map((before) => ({ before, after: this.state.docs.get(before.id)! }));
  }

  /** The highest seq this batch records: what the station's last_seq may rise to. */
  get lastRecordedSeq(): number {
    return this.timeline.reduce((max, e) => Math.max(max, e.stationSeq), 0);
  }
}

function outcomeOf(entry: RecordedEntry): PushOutcome {
  const base = { id: entry.id, seq: entry.stationSeq, duplicate: false as const };
  if (entry.outcome === 'rejected')
    return { ...base, outcome: 'rejected', code: entry.outcomeCode ?? 'rejected', message: entry.outcomeMessage ?? '' };
  return {
    ...base,
    outcome: entry.outcome,
    ...(entry.outcomeCode ? { code: entry.outcomeCode, message: entry.outcomeMessage ?? '' } : {}),
  };
}
