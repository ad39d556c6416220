import { sql } from 'kysely';
import type { OrderDocument } from '../../shared/api/orders';
import { toInt } from '../db/database';
import { anyText, qb, runQuery, firstRow } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';
import { CHUNK_CHARS, clearJobOutput, writeChunks, type ExportRequest } from './jobs';
import { orderCsvHeader, orderCsvRows } from './order-formats';
import type { RunningJob } from './running-job';

const PAGE = 500;

/** Writes the matching orders, a page at a time, as CSV or NDJSON chunks of the job's output. */
export async function runExport({ db, job, progress, finish }: RunningJob) {
  const { filters } = job.params as { filters: ExportRequest['filters'] };
  const warehouseId = job.warehouse_id ?? filters.warehouseId;
  const matching = qb
    .selectFrom('orders as o')
    .$if(!!warehouseId, (s) => s.where(routedTo('o.id', warehouseId!)))
    .$if(!!filters.status, (s) => s.where('o.status', '=', anyText(filters.status!)))
    .$if(!!filters.createdFrom, (s) => s.where('o.created_at', '>=', filters.createdFrom!))
    .$if(!!filters.createdTo, (s) => s.where('o.created_at', '<', filters.createdTo!));
  const count = await firstRow(
    db,
    matching.select((eb) => eb.fn.countAll().as('n')),
  );
  const total = toInt(count?.n);
  await clearJobOutput(db, job.id);
  await progress({ processed: 0, total });

  let buffer = job.format === 'csv' ? orderCsvHeader() : '';
  let chunk = 0;
  let processed = 0;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = matching
      .$if(!!after, (s) => s.where(sql`(o.created_at, o.id)`, '>', sql`(${after?.at}::timestamptz, ${after?.id}::uuid)`))
      .select(['o.doc', 'o.id', sql<string>`o.created_at::text`.as('created_at')])
      .orderBy('o.created_at')
      .orderBy('o.id')
      .limit(PAGE);
    const rows = (await runQuery(db, page)) as { doc: OrderDocument; id: string; created_at: string }[];
    for (const r of rows) buffer += job.format === 'csv' ? orderCsvRows(r.doc) : `${JSON.stringify(r.doc)}\n`;
    if (buffer.length >= CHUNK_CHARS || rows.length < PAGE) {
      const whole = rows.length < PAGE ? buffer.length : buffer.length - (buffer.length % CHUNK_CHARS);
      chunk = await writeChunks(db, job.id, 'output', buffer.slice(0, whole), chunk);
      buffer = buffer.slice(whole);
    }
    processed += rows.length;
    if (rows.length < PAGE) break;
    const last: { id: string; created_at: unknown } = rows.at(-1)!;
    after = { at: String(last.created_at), id: last.id };
    await progress({ processed, total });
  }
  await progress({ processed, total });
  await finish(
    'succeeded',
    { orders: processed, chunks: chunk, filename: `orders-${job.id.slice(0, 8)}.${job.format === 'csv' ? 'csv' : 'ndjson'}` },
    null,
  );
}
