import type { z } from 'zod';
import type { BulkStatusRequest, ReconcileRequest } from '../../shared/api/bulk-jobs';
import { canonicalVocabulary } from '../../shared/api/status-vocabulary';
import type { Actor } from '../../shared/events/station-events';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/database';
import { problems } from '../http/problem';
import { VOCABULARIES, normaliseStatus } from '../orders/status-vocabularies';
import type { BulkStatusParams } from './bulk-status-job';
import { enqueueJob, type JobView } from './jobs';
import { parseFeed } from './reconcile-feed';
import type { ReconcileParams } from './reconcile-job';

/**
 * Queues a bulk status update. A status no order can be moved to is refused now (422, as the
 * single-order route would for each), not once per order; the rest is checked per order by the job.
 */
export async function createBulkStatusJob(db: Database, principal: Principal, actor: Actor, request: BulkStatusRequest): Promise<JobView> {
  const vocabulary = canonicalVocabulary(request.vocabulary);
  const value = normaliseStatus(vocabulary, request.status);
  if (!value) {
    throw problems.unprocessable(
      'unknown_status',
      `${request.status} is not a ${vocabulary} status (${VOCABULARIES[vocabulary].orderStatuses.join(', ')})`,
    );
  }
  if (!VOCABULARIES[vocabulary].commandTarget[value])
    throw problems.unprocessable('order_status_not_settable', `${value} is a payment state; it changes through the payment webhook`);
  const params: BulkStatusParams = { request, principal };
  return enqueueJob(db, {
    kind: 'bulk-status',
    format: 'ndjson',
    params: params as unknown as Record<string, unknown>,
    warehouseId: principal.warehouseId,
    actor,
  });
}

/** Queues a reconciliation of an external feed; a feed that cannot be read is refused now (400 invalid_feed, with row and column). */
export async function createReconcileJob(
  db: Database,
  principal: Principal,
  actor: Actor,
  request: z.output<typeof ReconcileRequest>,
): Promise<JobView> {
  const vocabulary = canonicalVocabulary(request.vocabulary);
  const rows = parseFeed(request.data, vocabulary);
  const params: ReconcileParams = { vocabulary, createdFrom: request.createdFrom, createdTo: request.createdTo, rows: rows.length };
  return enqueueJob(db, {
    kind: 'reconcile',
    format: 'csv',
    params: params as unknown as Record<string, unknown>,
    warehouseId: principal.warehouseId,
    actor,
    input: request.data,
  });
}
