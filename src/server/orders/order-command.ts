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
    const { outcome, after } = await commandOnLockedOrder(tx, principal, actor, orderId, command, (order) =>
      requireVersion(request, order.version, 'order'),
    );
    const body = outcome.body ?? { ...(await presentOrder(tx, after, { expand: new Set(), vocabulary: 'dockside' })), ...outcome.extra };
    return { status: outcome.status ?? 200, body, headers: { etag: etagOf(after.version), ...outcome.headers } };
  });
  return sendCommandResponse(reply, response);
}

/**
 * The same command outside a request (a bulk job, background/background-work.ts): its own
 * transaction, the same scope check, lock and rules. Answers the order before and after.
 */
export async function applyOrderCommand(
  db: Database,
  principal: Principal,
  actor: Actor,
  orderId: string,
  command: (c: CommandContext) => Promise<CommandOutcome | void>,
): Promise<{ before: OrderDocument; after: OrderDocument; outcome: CommandOutcome }> {
  return db.transaction(async (tx) => {
    let before: OrderDocument | null = null;
    // A copy: commands may change the document they are given.
    const done = await commandOnLockedOrder(tx, principal, actor, orderId, command, (order) => void (before = structuredClone(order)));
    return { before: before!, ...done };
  });
}

async function commandOnLockedOrder(
  tx: Queryable,
  principal: Principal,
  actor: Actor,
  orderId: string,
  command: (c: CommandContext) => Promise<CommandOutcome | void>,
  check: (order: OrderDocument) => void,
): Promise<{ outcome: CommandOutcome; after: OrderDocument }> {
  await requireOrderInScope(tx, principal, orderId);
  const order = await loadOrder(tx, orderId, true);
  check(order);
  const outcome = (await command({ tx, order, actor, principal })) ?? {};
  return { outcome, after: await loadOrder(tx, orderId) };
}
