import { sql } from 'kysely';
import type { Mismatch } from '../../shared/api/bulk-jobs';
import type { OrderStatus, PaymentStatus } from '../../shared/domain/order-status';
import type { StatusVocabulary } from '../../shared/api/status-vocabulary';
import { toInt } from '../db/database';
import { anyText, qb, runQuery } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';
import { VOCABULARIES } from '../orders/status-vocabularies';
import { CHUNK_CHARS, clearJobOutput, readChunks, writeOutputChunk } from './jobs';
import { parseFeed } from './reconcile-feed';
import type { RunningJob } from './running-job';

const PAGE = 500;

export interface ReconcileParams {
  vocabulary: StatusVocabulary;
  createdFrom?: string;
  createdTo?: string;
  rows: number;
}

interface OurOrder {
  id: string;
  number: string;
  status: OrderStatus;
  payment_status: PaymentStatus;
  before_hold: OrderStatus | null;
  currency: string;
  total_minor: unknown;
}

/**
 * Compares an external feed with our orders (those the job's creator can see): an order in the
 * feed we do not have (missing_here), one of ours in the period the feed covers that it lacks
 * (missing_there), and for orders in both, a status (presented in the feed's vocabulary) or total
 * that differs. Only reads: a resumed job starts again. The report is the job's output, one
 * mismatch per line.
 */
export async function runReconcile({ db, job, progress, finish }: RunningJob) {
  const params = job.params as unknown as ReconcileParams;
  const feed = parseFeed(await readChunks(db, job.id, 'input'), params.vocabulary);
  const vocabulary = VOCABULARIES[params.vocabulary];
  const ours = qb
    .selectFrom('orders as o')
    .select(['o.id', 'o.number', 'o.status', 'o.payment_status', 'o.currency', 'o.total_minor'])
    .select(sql<OrderStatus | null>`o.doc->>'statusBeforeHold'`.as('before_hold'))
    .$if(!!job.warehouse_id, (s) => s.where(routedTo('o.id', job.warehouse_id!)));
  const output = reportWriter(db, job.id);
  await clearJobOutput(db, job.id);
  const counts = { matched: 0, missing_here: 0, missing_there: 0, status_differs: 0, amount_differs: 0 };
  const report = async (m: Mismatch) => {
    counts[m.kind]++;
    await output.add(m);
  };

  for (let i = 0; i < feed.length; i += PAGE) {
    const page = feed.slice(i, i + PAGE);
    const found = (await runQuery(db, ours.where('o.number', '=', anyText(page.map((r) => r.orderNumber))))) as OurOrder[];
    const byNumber = new Map(found.map((o) => [o.number, o]));
    for (const row of page) {
      const order = byNumber.get(row.orderNumber);
      const base = { orderNumber: row.orderNumber, feedRow: row.row, feedStatus: row.status, feedTotalMinor: row.totalMinor };
      if (!order) {
        await report({ ...base, kind: 'missing_here', orderId: null, ourStatus: null, ourTotalMinor: null, currency: null });
        continue;
      }
      const ourStatus = vocabulary.presentStatus({
        status: order.status,
        paymentStatus: order.payment_status,
        statusBeforeHold: order.before_hold,
      });
      const mine = { ...base, orderId: order.id, ourStatus, ourTotalMinor: toInt(order.total_minor), currency: order.currency };
      if (ourStatus !== row.status) await report({ ...mine, kind: 'status_differs' });
      if (mine.ourTotalMinor !== row.totalMinor) await report({ ...mine, kind: 'amount_differs' });
      if (ourStatus === row.status && mine.ourTotalMinor === row.totalMinor) counts.matched++;
    }
    await progress({ feedRowsChecked: Math.min(i + PAGE, feed.length), feedRows: feed.length });
  }

  // Ours in the period the feed covers, page by page; those it does not name are missing there.
  const inFeed = new Set(feed.map((r) => r.orderNumber));
  const covered = ours
    .$if(!!params.createdFrom, (s) => s.where('o.created_at', '>=', params.createdFrom!))
    .$if(!!params.createdTo, (s) => s.where('o.created_at', '<', params.createdTo!));
  let after: { at: string; id: string } | null = null;
  let checked = 0;
  for (;;) {
    const rows = (await runQuery(
      db,
      covered
        .select(sql<string>`o.created_at::text`.as('created_text'))
        .$if(!!after, (s) => s.where(sql`(o.created_at, o.id)`, '>', sql`(${after?.at}::timestamptz, ${after?.id}::uuid)`))
        .orderBy('o.created_at')
        .orderBy('o.id')
        .limit(PAGE),
    )) as (OurOrder & { created_text: string })[];
    for (const order of rows) {
      if (inFeed.has(order.number)) continue;
      await report({
        kind: 'missing_there',
        orderNumber: order.number,
        orderId: order.id,
        feedRow: null,
        ourStatus: vocabulary.presentStatus({
          status: order.status,
          paymentStatus: order.payment_status,
          statusBeforeHold: order.before_hold,
        }),
        feedStatus: null,
        ourTotalMinor: toInt(order.total_minor),
        feedTotalMinor: null,
        currency: order.currency,
      });
    }
    checked += rows.length;
    await progress({ feedRowsChecked: feed.length, feedRows: feed.length, ourOrdersChecked: checked });
    if (rows.length < PAGE) break;
    const last = rows.at(-1)!;
    after = { at: last.created_text, id: last.id };
  }
  const chunks = await output.flush();
  const mismatches = counts.missing_here + counts.missing_there + counts.status_differs + counts.amount_differs;
  await finish(
    'succeeded',
    { feedRows: feed.length, ourOrdersChecked: checked, mismatches, ...counts, chunks, filename: `reconciliation-${job.id.slice(0, 8)}` },
    null,
  );
}

/** Report lines gathered into output chunks of whole lines, so a chunk never splits a line. */
function reportWriter(db: RunningJob['db'], jobId: string) {
  let buffer = '';
  let chunk = 0;
  return {
    async add(line: unknown) {
      buffer += `${JSON.stringify(line)}\n`;
      if (buffer.length >= CHUNK_CHARS) await this.flush();
    },
    async flush() {
      if (buffer) await writeOutputChunk(db, jobId, chunk++, buffer);
      buffer = '';
      return chunk;
    },
  };
}
