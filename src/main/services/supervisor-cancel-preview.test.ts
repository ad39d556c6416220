import { describe, expect, it } from 'vitest';
import { OrderCancelPreview } from '../../shared/api/order-commands';
import { SupervisorCancelPreview } from '../../shared/contract/supervisor';
import { cancelPreviewHere } from './supervisor-cancel-preview';

const here = '0a5d8f0e-2b7c-4c1e-9a77-3f1f9d6a0001';
const elsewhere = '0a5d8f0e-2b7c-4c1e-9a77-3f1f9d6a0002';
const fromServer = {
  id: '5b0c1a9e-7e3d-4b8a-8f6e-1c2d3e4f5a6b',
  number: 'ORD-1042',
  customerName: 'Ada Lovelace',
  units: 3,
  warehouses: [
    { warehouseId: here, code: 'LON-1', units: 2 },
    { warehouseId: elsewhere, code: 'MAN-1', units: 1 },
  ],
  unitStates: { picked: 1, notPicked: 1, backordered: 1 },
  money: { kind: 'refund', amountMinor: 5899, currency: 'GBP' },
};

describe("a supervisor's cancel preview, from the server's", () => {
  it('names only the other warehouses and passes on where the units stand', () => {
    const preview = cancelPreviewHere(OrderCancelPreview.parse(fromServer), here);
    expect(SupervisorCancelPreview.parse(preview)).toEqual({
      orderId: fromServer.id,
      orderNumber: 'ORD-1042',
      customerName: 'Ada Lovelace',
      units: 3,
      elsewhere: [{ warehouse: 'MAN-1', units: 1 }],
      unitStates: { picked: 1, notPicked: 1, backordered: 1 },
      money: fromServer.money,
    });
  });

  it("reads an older server's preview, which does not say where the units stand, as not known", () => {
    const { unitStates: _, ...older } = fromServer;
    const preview = cancelPreviewHere(OrderCancelPreview.parse(older), here);
    expect(SupervisorCancelPreview.parse(preview).unitStates).toBeNull();
  });
});
