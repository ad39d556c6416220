import type { QuoteChangeRequest, QuoteStatus, QuoteView } from '../../../shared/api/order-quotes';
import type { Actor } from '../../../shared/events/station-events';
import { toIso, type Queryable } from '../../db/database';
import { problems } from '../../http/problem';
import type { QuotePreview } from './quote-preview';

/** The one writer of order_quotes (migration 0016). */
export interface StoredQuote {
  view: QuoteView;
  request: QuoteChangeRequest;
  addedLineIds: string[];
}

export async function insertQuote(
  tx: Queryable,
  preview: QuotePreview,
  request: QuoteChangeRequest,
  actor: Actor,
  now: Date,
): Promise<StoredQuote> {
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + request.validForMinutes * 60_000).toISOString();
  await tx.query(
    `insert into order_quotes (id, order_id, order_version, request, preview, actor, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      preview.orderId,
      preview.orderVersion,
      JSON.stringify(request),
      JSON.stringify(preview),
      JSON.stringify(actor),
      now.toISOString(),
      expiresAt,
    ],
  );
  return loadQuote(tx, preview.orderId, id, preview.orderVersion);
}

/** A quote of the order, with its status as of now against the order's current version. */
export async function loadQuote(
  q: Queryable,
  orderId: string,
  quoteId: string,
  currentVersion: number,
  forUpdate = false,
): Promise<StoredQuote> {
  const [row] = await q.query<Record<string, unknown>>(
    `select * from order_quotes where id = $1 and order_id = $2${forUpdate ? ' for update' : ''}`,
    [quoteId, orderId],
  );
  if (!row) throw problems.notFound(`quote ${quoteId} of order ${orderId}`);
  return storedQuote(row, currentVersion);
}

export async function quotesOf(q: Queryable, orderId: string, currentVersion: number): Promise<QuoteView[]> {
  const rows = await q.query<Record<string, unknown>>('select * from order_quotes where order_id = $1 order by created_at desc, id', [
    orderId,
  ]);
  return rows.map((r) => storedQuote(r, currentVersion).view);
}

export async function markQuoteApplied(tx: Queryable, quoteId: string, at: string): Promise<void> {
  await tx.query('update order_quotes set applied_at = $2 where id = $1 and applied_at is null', [quoteId, at]);
}

function statusOf(row: Record<string, unknown>, currentVersion: number): QuoteStatus {
  if (row.applied_at) return 'applied';
  if (new Date(toIso(row.expires_at)).getTime() <= Date.now()) return 'expired';
  if (Number(row.order_version) !== currentVersion) return 'stale';
  return 'open';
}

function storedQuote(row: Record<string, unknown>, currentVersion: number): StoredQuote {
  const { addedLineIds, ...preview } = row.preview as QuotePreview;
  return {
    request: row.request as QuoteChangeRequest,
    addedLineIds,
    view: {
      id: row.id as string,
      ...preview,
      status: statusOf(row, currentVersion),
      createdAt: toIso(row.created_at),
      expiresAt: toIso(row.expires_at),
      appliedAt: row.applied_at ? toIso(row.applied_at) : null,
    },
  };
}
