import type { BulkStatusRequest, BulkStatusResult } from '../../shared/api/bulk-jobs';
import type { Actor } from '../../shared/events/station-events';
import type { Principal } from '../auth/principal';
import type { Database, Queryable } from '../db/database';
import { Problem, problems } from '../http/problem';
import { setOrderStatus } from '../orders/commands/set-order-status';
import { applyOrderCommand } from '../orders/order-command';
import { writeOutputChunk } from './jobs';
import { canonicalVocabulary } from '../../shared/api/status-vocabulary';
import type { RunningJob } from './running-job';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How many failures the job's result lists itself; the downloadable report has every order. */
const MAX_LISTED_FAILURES = 100;

export interface BulkStatusParams {
  request: BulkStatusRequest;
  /** Who asked: each order's command runs with their rights and warehouse scope. */
  principal: Principal;
}

interface Tally {
  processed: number;
  total: number;
  updated: number;
  unchanged: number;
  failed: number;
  failures: BulkStatusResult[];
}

/**
 * Sets the status of each order in turn, each in its own transaction through the order command
 * layer (setOrderStatus: the same rules as POST /v1/orders/{id}/status). A refused order is
 * reported and the rest go on. Progress is recorded after every order; a resumed job continues after the last.
 */
export async function runBulkStatus({ db, job, progress, finish }: RunningJob) {
  const { request, principal } = job.params as unknown as BulkStatusParams;
  const prior = job.progress as Partial<Tally>;
  const tally: Tally = {
    processed: prior.processed ?? 0,
    total: request.orders.length,
    updated: prior.updated ?? 0,
    unchanged: prior.unchanged ?? 0,
    failed: prior.failed ?? 0,
    failures: prior.failures ?? [],
  };
  const actor: Actor = {
    ...job.created_by,
    name: `${job.created_by.name ?? job.created_by.id} (bulk status ${job.id.slice(0, 8)})`.slice(0, 200),
  };
  const body = { ...request, vocabulary: canonicalVocabulary(request.vocabulary) };
  await progress({ ...tally });
  for (let i = tally.processed; i < request.orders.length; i++) {
    const result = await updateOne(db, principal, actor, request.orders[i]!, (c) => setOrderStatus(c, body));
    tally[result.outcome]++;
    if (result.outcome === 'failed' && tally.failures.length < MAX_LISTED_FAILURES) tally.failures.push(result);
    // One chunk per order: the report lists every order in request order.
    await writeOutputChunk(db, job.id, i, `${JSON.stringify(result)}\n`);
    tally.processed = i + 1;
    await progress({ ...tally });
  }
  await finish('succeeded', { ...tally, filename: `bulk-status-${job.id.slice(0, 8)}` }, null);
}

async function updateOne(
  db: Database,
  principal: Principal,
  actor: Actor,
  ref: string,
  command: Parameters<typeof applyOrderCommand>[4],
): Promise<BulkStatusResult> {
  const base = { order: ref, orderId: null, orderNumber: null, statusBefore: null, statusAfter: null, code: null, message: null };
  try {
    const orderId = await resolveOrder(db, ref);
    const { before, after, outcome } = await applyOrderCommand(db, principal, actor, orderId, command);
    return {
      ...base,
      orderId,
      orderNumber: after.number,
      outcome: outcome.extra?.unchanged ? 'unchanged' : 'updated',
      statusBefore: before.status,
      statusAfter: after.status,
    };
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    const found = await db.query<{ id: string; number: string; status: string }>(
      'select id, number, status from orders where id::text = $1 or number = $1',
      [ref],
    );
    // An order outside the caller's warehouse is reported as not found, never described.
    const known = err.code === 'not_found' ? undefined : found[0];
    return {
      ...base,
      orderId: known?.id ?? null,
      orderNumber: known?.number ?? null,
      outcome: 'failed',
      statusBefore: known?.status ?? null,
      statusAfter: known?.status ?? null,
      code: err.code,
      message: err.detail ?? err.title,
    };
  }
}

async function resolveOrder(db: Queryable, ref: string): Promise<string> {
  const [row] = UUID.test(ref)
    ? await db.query<{ id: string }>('select id from orders where id = $1', [ref])
    : await db.query<{ id: string }>('select id from orders where number = $1', [ref]);
  if (!row) throw problems.notFound(`order ${ref}`);
  return row.id;
}
