import type { Queryable } from '../db/database';
import { getCarrierAccount, issueServerTrackingNumber } from '../carriers/carrier-store';
import { problems } from '../http/problem';

/** What a return label's carrier gave it. */
export interface IssuedReturnLabel {
  carrier: string;
  serviceName: string;
  trackingNumber: string;
  trackingUrl: string;
  source: 'block' | 'adapter';
}

/**
 * Where a return label's number comes from. The block issuer numbers it from the carrier account's
 * own counter (UPS 1Z, USPS IMpb), as stations number outbound labels. A carrier-API adapter
 * (rates, buy, void) plugs in here as another issuer with source 'adapter' and the carrier's bytes;
 * `issuerFor` is the one place that chooses.
 */
export interface ReturnLabelIssuer {
  issue(
    tx: Queryable,
    request: { warehouseId: string; accountId: string; serviceCode: string; rmaNumber: string },
  ): Promise<IssuedReturnLabel>;
}

export const blockIssuer: ReturnLabelIssuer = {
  async issue(tx, r) {
    return { ...(await issueServerTrackingNumber(tx, r.warehouseId, r.accountId, r.serviceCode)), source: 'block' };
  },
};

/**
 * An account that numbers its own labels numbers its return labels. One that buys its labels from
 * a carrier API is refused: numbered here, its label would carry a number the carrier never sold
 * (buying return labels through the adapter is not built yet), so nothing is numbered. Another
 * warehouse's account is not found, as the block issuer would say.
 */
export async function issuerFor(q: Queryable, warehouseId: string, accountId: string): Promise<ReturnLabelIssuer> {
  const account = await getCarrierAccount(q, accountId);
  if (account.warehouseId !== warehouseId) throw problems.notFound(`carrier account ${accountId}`);
  if (account.labelSource !== 'blocks')
    throw problems.conflict(
      'return_label_account_buys_labels',
      `${account.name} buys its labels from the carrier's API, so a return label numbered here would carry a number the carrier never sold: choose an account that numbers its own labels`,
    );
  return blockIssuer;
}
