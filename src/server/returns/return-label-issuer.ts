import type { Queryable } from '../db/database';
import { issueServerTrackingNumber } from '../carriers/carrier-store';
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
 * (buying return labels through the adapter is not built yet), so nothing is numbered.
 */
export async function issuerFor(q: Queryable, accountId: string): Promise<ReturnLabelIssuer> {
  const [account] = await q.query<{ name: string; label_source: string }>('select name, label_source from carrier_accounts where id = $1', [
    accountId,
  ]);
  if (account && account.label_source !== 'blocks')
    throw problems.conflict(
      'return_label_account_buys_labels',
      `${account.name} buys its labels from the carrier's API, so a return label numbered here would carry a number the carrier never sold: choose an account that numbers its own labels`,
    );
  return blockIssuer;
}
