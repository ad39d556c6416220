import { describe, expect, it } from 'vitest';
import type { StationCarrierAccount } from '../../shared/carriers/carrier-config';
import { HandlerError } from '../../shared/contract/dispatch';
import { tempDataDir } from '../printing/testing/fixtures';
import { openBoughtLabels, type ShippingLabelPrint } from './bought-labels';
import { technicalOf } from './carrier-refusal';

const account = { id: crypto.randomUUID(), name: 'UPS', labelSource: 'easypost', services: [{ code: 'Ground', name: 'UPS Ground' }] };
const packageId = crypto.randomUUID();
/** Only what buying reads of a shipping label's request. */
const request = {
  template: 'shipping-label',
  carrierService: { accountId: account.id, serviceCode: 'Ground' },
  purpose: { kind: 'ship-package', packageId, fulfillmentOrderId: crypto.randomUUID() },
  data: { orderNumber: 'ORD-20261206-00042', packageId, shipFrom: { name: 'LON-1' } },
} as unknown as ShippingLabelPrint;

describe('a carrier label the carrier fails to sell', () => {
  it('is refused in words for the packer, the carrier API’s status line kept for support', async () => {
    const bought = openBoughtLabels({
      dataDir: await tempDataDir(),
      accounts: () => [account as unknown as StationCarrierAccount],
      link: () => ({
        state: () => ({ online: true }) as never,
        request: async () => {
          throw new HandlerError('carrier_unreachable', 'the carrier API cannot be reached: getaddrinfo ENOTFOUND api.easypost.com', 502);
        },
      }),
      changed: () => {},
    });
    const refused = await bought.buy(request).catch((e: unknown) => e as HandlerError);
    expect(refused).toMatchObject({
      code: 'carrier_unreachable',
      message:
        "ORD-20261206-00042's UPS Ground label was not bought: the carrier cannot be reached: try again in a few minutes, or choose another carrier",
    });
    expect(technicalOf(refused)).toContain('ENOTFOUND');
  });
});
