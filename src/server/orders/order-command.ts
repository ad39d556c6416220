import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OrderDocument } from '../../shared/api/orders';
import type { Actor } from '../../shared/events/station-events';
import type { Principal } from '../auth/principal';
import type { Database, Queryable } from '../db/database';
import { etagOf, requireVersion } from '../http/etag';
import { runIdempotent, sendCommandResponse } from '../http/idempotency';
import { loadOrder } from './order-store';
import { requireOrderInScope } from './order-scope';
import { presentOrder } from './order-view';

export interface CommandContext {
  tx: Queryable;
  /** The order, locked for the transaction. */
  order: OrderDocument;
  actor: Actor;
  principal: Principal;
}

export interface CommandOutcome {
  status?: number;
  /** Extra fields answered next to the order (a refund, the routing result...). */
  extra?: Record<string, unknown>;
  /** Answer this instead of the order (e.g. a created note); the ETag stays the order's. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Runs a command on one order: in one transaction with its Idempotency-Key record, the order
 * locked, the caller's warehouse scope and If-Match checked (409 with the current version), the
 * command applied. Answers the order as it is afterwards (commands' side effects can move it
 * further, e.g. fulfillment progress), with its ETag.
 */
export async function runOrderCommand(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  actor: Actor,
  orderId: string,
  command: (c: CommandContext) => Promise<CommandOutcome | void>,
) {
  const response = await runIdempotent(db, request, principal.id, async (tx) => {
    await requireOrderInScope(tx, principal, orderId);
    const order = await loadOrder(tx, orderId, true);
    requireVersion(request, order.version, 'order');
    const outcome = (await command({ tx, order, actor, principal })) ?? {};
    const after = await loadOrder(tx, orderId);
    const body = outcome.body ?? { ...(await presentOrder(tx, after, { expand: new Set(), vocabulary: 'dockside' })), ...outcome.extra };
    return { status: outcome.status ?? 200, body, headers: { etag: etagOf(after.version), ...outcome.headers } };
  });
  return sendCommandResponse(reply, response);
}
