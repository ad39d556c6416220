import { z } from 'zod';
import type { Role } from '../../auth/principal';
import type { ResponseSpec } from '../../openapi/catalog';
import { OrderSchema } from '../../openapi/resource-schemas';
import { problem } from '../../openapi/responses';

/** Who may do what on orders. Admin holds every role. */
export const ROLES = {
  read: ['integrator', 'supervisor', 'packer', 'returns'],
  write: ['integrator', 'supervisor'],
  annotate: ['integrator', 'supervisor', 'packer', 'returns'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const OrderIdParams = z.object({ id: z.string().uuid('order ids are UUIDs') });
export const OrderLineParams = z.object({ id: z.string().uuid('order ids are UUIDs'), lineId: z.string().uuid('line ids are UUIDs') });

/** The errors every authenticated operation can answer. */
export const commonErrors = {
  400: problem('validation_failed, malformed_body, invalid_cursor...: the request is not valid'),
  401: problem('unauthorized: no or bad credential'),
  403: problem('forbidden: the role may not do this'),
} as const;

/** What an order command answers: the order after it, or why not. */
export const commandResponses = (
  ok: ResponseSpec = { description: 'the order after the command', schema: OrderSchema, headers: ['ETag'] },
  status = 200,
) => ({
  [status]: ok,
  ...commonErrors,
  404: problem('not_found: no such order (or not in your warehouse)'),
  409: problem(
    'version_mismatch (If-Match names another version, currentVersion says which), or a refused move with its stable code (order_transition_forbidden, order_status_final, order_payment_required, ...)',
  ),
  422: problem('idempotency_key_reused (same key, other request) or a refused input'),
});

export const readResponses = (ok: ResponseSpec) => ({ 200: ok, ...commonErrors, 404: problem('not_found') });
