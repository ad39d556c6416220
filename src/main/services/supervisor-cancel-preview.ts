import type { OrderCancelPreview } from '../../shared/api/order-commands';
import type { SupervisorCancelPreview } from '../../shared/contract/supervisor';

/** The server's cancel preview as this station's supervisor is asked it: other warehouses' units named apart from this one's. */
export function cancelPreviewHere(preview: OrderCancelPreview, warehouseId: string): SupervisorCancelPreview {
  return {
    orderId: preview.id,
    orderNumber: preview.number,
    customerName: preview.customerName,
    units: preview.units,
    elsewhere: preview.warehouses.filter((w) => w.warehouseId !== warehouseId).map((w) => ({ warehouse: w.code, units: w.units })),
    unitStates: preview.unitStates ?? null,
    money: preview.money,
  };
}
