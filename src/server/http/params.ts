import { z } from 'zod';

/** A UUID parameter whose validation error names it. */
export const uuidNamed = (name: string) => z.string().uuid(`${name} must be a UUID`);

/** `/:id` of a resource. */
export const IdParams = z.object({ id: uuidNamed('id') });
/** `/v1/orders/:orderId/...`: a resource listed under its order. */
export const OrderIdParams = z.object({ orderId: uuidNamed('orderId') });
/** A SKU in a path. */
export const sku = () => z.string().trim().min(1).max(64);
