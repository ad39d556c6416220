import type { CarrierRatesView, RateCarrierLabelRequest } from '../../shared/carriers/carrier-labels';
import type { Principal } from '../auth/principal';
import { CarrierApiError } from './carrier-adapter';
import { carrierProblem, parcelToRate, type LabelContext } from './carrier-labels';
import { rateFor } from './easypost/easypost-services';

/**
 * What each service of a carrier account would cost for a package, from the carrier's API,
 * before anyone buys: a supervisor choosing a service, an integrator quoting shipping. The same
 * checks as a purchase (the package's warehouse, the account, the weight); nothing is bought or
 * recorded.
 */
export async function rateCarrierLabel(
  ctx: LabelContext,
  principal: Principal,
  packageId: string,
  body: RateCarrierLabelRequest,
): Promise<CarrierRatesView> {
  const { account, adapter, shipment } = await parcelToRate(ctx, principal, packageId, body);
  const rated = await adapter.rate(shipment).catch((e: unknown) => {
    throw e instanceof CarrierApiError ? carrierProblem(e) : e;
  });
  const offered = account.services.map((service) => ({ service, rate: rateFor(rated.rates, account.carrier, service) }));
  return {
    accountId: account.id,
    carrier: account.carrier,
    rates: offered
      .flatMap(({ service, rate }) =>
        rate
          ? [
              {
                serviceCode: service.code,
                serviceName: service.name,
                amountMinor: rate.amountMinor,
                currency: rate.currency,
                deliveryDays: rate.deliveryDays,
              },
            ]
          : [],
      )
      .sort((a, b) => a.amountMinor - b.amountMinor),
    unavailable: offered.filter((o) => !o.rate).map(({ service }) => ({ serviceCode: service.code, serviceName: service.name })),
    messages: rated.messages,
  };
}
