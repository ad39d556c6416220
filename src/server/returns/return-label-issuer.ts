import type { Address } from '../../shared/domain/address';
import type { Queryable } from '../db/database';
import type { BoughtLabel } from '../carriers/carrier-adapter';
import { adapterOf, purchase, requireLabelService, type Account, type LabelContext } from '../carriers/carrier-labels';
import { getCarrierAccount, issueServerTrackingNumber } from '../carriers/carrier-store';
import { problems } from '../http/problem';

/** What a return label's carrier gave it. */
export interface IssuedReturnLabel {
  carrier: string;
  serviceName: string;
  trackingNumber: string;
  trackingUrl: string;
  source: 'block' | 'adapter';
  /** A label bought from a carrier API: the carrier's file and what it cost. */
  bought?: { shipmentId: string; format: 'zpl' | 'pdf'; bytes: Buffer; amountMinor: number; currency: string };
}

/** The parcel a bought return label is for: the customer sends it back to the warehouse. */
export interface ReturnParcel {
  rmaId: string;
  from: Address;
  returnTo: Address;
  weightGrams: number;
}

/**
 * Where a return label comes from; `issuerFor` is the one place that chooses. An account that
 * numbers its own labels numbers the return label in the RMA's transaction, from the counter the
 * stations' blocks come from. An account that buys its labels buys it from the carrier's API,
 * which may take seconds, so outside any transaction (the caller claims the purchase first).
 */
export type ReturnLabelIssuer =
  | {
      kind: 'numbers';
      issue(tx: Queryable, request: { warehouseId: string; accountId: string; serviceCode: string }): Promise<IssuedReturnLabel>;
    }
  | { kind: 'buys'; buy(parcel: ReturnParcel): Promise<IssuedReturnLabel> };

export const blockIssuer: ReturnLabelIssuer = {
  kind: 'numbers',
  async issue(tx, r) {
    return { ...(await issueServerTrackingNumber(tx, r.warehouseId, r.accountId, r.serviceCode)), source: 'block' };
  },
};

/** Buys the label as a return shipment (the carrier takes the parcel from the customer back to the warehouse). */
function adapterIssuer(ctx: LabelContext, account: Account, serviceCode: string): ReturnLabelIssuer {
  const serviceName = account.services.find((s) => s.code === serviceCode)!.name;
  return {
    kind: 'buys',
    async buy(parcel) {
      const { adapter } = await adapterOf(ctx, account);
      const bought: BoughtLabel = await purchase(adapter, account, serviceCode, {
        reference: parcel.rmaId,
        from: parcel.returnTo,
        to: parcel.from,
        parcel: { weightGrams: parcel.weightGrams },
        labelFormat: account.labelFormat,
        isReturn: true,
      });
      return {
        carrier: account.carrier,
        serviceName,
        trackingNumber: bought.trackingNumber,
        trackingUrl: bought.trackingUrl ?? '',
        source: 'adapter',
        bought: {
          shipmentId: bought.shipmentId,
          format: bought.label.format,
          bytes: bought.label.bytes,
          amountMinor: bought.amountMinor,
          currency: bought.currency,
        },
      };
    },
  };
}

/** The issuer of an account of this warehouse (another warehouse's account is not found, its name not told). */
export async function issuerFor(
  ctx: LabelContext,
  q: Queryable,
  warehouseId: string,
  request: { accountId: string; serviceCode: string },
): Promise<ReturnLabelIssuer> {
  const account = await getCarrierAccount(q, request.accountId);
  if (account.warehouseId !== warehouseId) throw problems.notFound(`carrier account ${request.accountId}`);
  if (account.labelSource === 'blocks') return blockIssuer;
  requireLabelService(account, request.serviceCode);
  return adapterIssuer(ctx, account, request.serviceCode);
}
