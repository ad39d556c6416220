import type { Queryable } from '../db/database';
import { issueServerTrackingNumber } from '../carriers/carrier-store';

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

/** Every account numbers its own return labels until a bought-label adapter is configured for it. */
export function issuerFor(_accountId: string): ReturnLabelIssuer {
  return blockIssuer;
}
