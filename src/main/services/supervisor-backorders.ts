import type { BackorderView } from '../../shared/api/fulfillment';
import type { SupervisorBackorder } from '../../shared/contract/supervisor';

function queueOrder(a: BackorderView, b: BackorderView): number {
  return b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Grouped by SKU, each SKU's in allocation order, with each one's place in its SKU's queue. */
export function skuQueues(list: readonly BackorderView[]): SupervisorBackorder[] {
  const sorted = [...list].sort((a, b) => a.sku.localeCompare(b.sku) || queueOrder(a, b));
  const counts = new Map<string, number>();
  for (const b of sorted) counts.set(b.sku, (counts.get(b.sku) ?? 0) + 1);
  const seen = new Map<string, number>();
  return sorted.map((b) => {
    const place = (seen.get(b.sku) ?? 0) + 1;
    seen.set(b.sku, place);
    return backorderOf(b, { place, of: counts.get(b.sku)! });
  });
}

export function backorderOf(b: BackorderView, queue: SupervisorBackorder['queue'] = null): SupervisorBackorder {
  return {
    queue,
    id: b.id,
    orderId: b.orderId,
    orderNumber: b.orderNumber,
    sku: b.sku,
    quantity: b.quantity,
    status: b.status,
    warehouseId: b.warehouseId,
    createdAt: b.createdAt,
  };
}
