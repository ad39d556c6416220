import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { Problem } from '../http/problem';
import { createOrder } from '../orders/create-order';
import { parseCsv } from './csv';
import { readChunks } from './jobs';
import { orderFromJsonLine, ordersFromCsv, type ImportItem } from './order-formats';
import type { RunningJob } from './running-job';

const MAX_ERRORS = 200;

interface Tally {
  processed: number;
  total: number;
  created: number;
  skipped: number;
  failed: number;
  errors: { source: string; ref: string | null; code: string; message: string }[];
  createdOrders: { ref: string | null; id: string; number: string }[];
}

/** Creates an order for each row; records progress after every one, so a resumed import continues after the last. */
export async function runImport({ db, job, progress, finish }: RunningJob, orderNumberPrefix: string) {
  const { mode } = job.params as { mode: 'create' | 'skip-existing' };
  const text = await readChunks(db, job.id, 'input');
  let items: ImportItem[];
  if (job.format === 'csv') {
    let rows: string[][];
    try {
      rows = parseCsv(text);
    } catch (err) {
      return finish('failed', null, `the CSV cannot be read: ${(err as Error).message}`);
    }
    const parsed = ordersFromCsv(rows);
    if (parsed.missingColumns.length) return finish('failed', null, `the CSV lacks the columns ${parsed.missingColumns.join(', ')}`);
    items = parsed.items;
  } else {
    items = text.split('\n').flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [orderFromJsonLine(JSON.parse(line), `line ${i + 1}`)];
      } catch {
        return [{ source: `line ${i + 1}`, ref: null, error: 'not valid JSON' }];
      }
    });
  }
  const prior = job.progress as Partial<Tally>;
  const tally: Tally = {
    processed: prior.processed ?? 0,
    total: items.length,
    created: prior.created ?? 0,
    skipped: prior.skipped ?? 0,
    failed: prior.failed ?? 0,
    errors: prior.errors ?? [],
    createdOrders: prior.createdOrders ?? [],
  };
  const actor: Actor = {
    ...job.created_by,
    name: `${job.created_by.name ?? job.created_by.id} (import ${job.id.slice(0, 8)})`.slice(0, 200),
  };
  const fail = (item: ImportItem, code: string, message: string) => {
    tally.failed++;
    if (tally.errors.length < MAX_ERRORS) tally.errors.push({ source: item.source, ref: item.ref, code, message });
  };
  await progress({ ...tally });
  for (let i = tally.processed; i < items.length; i++) {
    const item = items[i]!;
    if (item.error || !item.request) fail(item, 'invalid_row', item.error ?? 'nothing to import');
    else if (mode === 'skip-existing' && item.ref && (await existingRef(db, item.ref))) tally.skipped++;
    else {
      try {
        const { order } = await createOrder(db, item.request, actor, { orderNumberPrefix: orderNumberPrefix });
        tally.created++;
        if (tally.createdOrders.length < 1000) tally.createdOrders.push({ ref: item.ref, id: order.id, number: order.number });
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        fail(item, err.code, err.detail ?? err.title);
      }
    }
    tally.processed = i + 1;
    await progress({ ...tally });
  }
  const { processed, total, ...result } = tally;
  await finish('succeeded', { ...result, processed, total }, null);
}

async function existingRef(db: Queryable, ref: string): Promise<boolean> {
  const [row] = await db.query(`select 1 from orders where doc->>'externalReference' = $1 limit 1`, [ref]);
  return !!row;
}
