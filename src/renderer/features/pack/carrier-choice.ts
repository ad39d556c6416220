import type { CarrierServiceChoice, CarrierState } from '../../../shared/contract/index';
import { chooseService, serviceOf, type ShipmentFacts } from '../../../shared/carriers/shipping-rules';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';

/** What the shipping rules look at for the next package of this order. */
export function shipmentFacts(doc: FulfillmentDocument, weightGrams: number | null): ShipmentFacts {
  const packing = doc.packages.find((p) => p.status === 'packing');
  return {
    weightGrams: weightGrams ?? packing?.weightGrams ?? null,
    country: doc.shipTo.country,
    region: doc.shipTo.region ?? null,
    channel: doc.channel ?? null,
    orderValueMinor: doc.orderValueMinor ?? null,
  };
}

export interface PackageCarrier {
  choice: CarrierServiceChoice;
  /** e.g. "UPS Main · UPS Ground". */
  label: string;
  /** Why: the rule's name, or the packer's choice. */
  reason: string;
}

/** The packer's override when it names a service this station has, else the first matching rule; null: no carrier. */
export function packageCarrier(
  carriers: CarrierState | null,
  doc: FulfillmentDocument,
  weightGrams: number | null,
  override: CarrierServiceChoice | null,
): PackageCarrier | null {
  const config = carriers?.config;
  if (!config) return null;
  const manual = override && serviceOf(config.accounts, override.accountId, override.serviceCode);
  const chosen = manual ? { ...manual, ruleName: null } : chooseService(config.rules, config.accounts, shipmentFacts(doc, weightGrams));
  if (!chosen) return null;
  return {
    choice: { accountId: chosen.account.id, serviceCode: chosen.serviceCode },
    label: `${chosen.account.name} · ${chosen.serviceName}`,
    reason: chosen.ruleName ? `rule “${chosen.ruleName}”` : 'chosen by hand',
  };
}
