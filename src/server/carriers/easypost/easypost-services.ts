import type { CarrierRate } from '../carrier-adapter';

/**
 * Which of EasyPost's rates is one of our carrier services. UPS service codes are stable and
 * public, so they map by code; for any other code the account's service name is compared with
 * EasyPost's service name (ignoring case, spaces and a leading carrier name: "USPS Priority"
 * matches "Priority").
 */
const UPS_SERVICES: Record<string, string> = {
  '01': 'NextDayAir',
  '02': '2ndDayAir',
  '03': 'Ground',
  '07': 'Express',
  '08': 'Expedited',
  '11': 'UPSStandard',
  '12': '3DaySelect',
  '13': 'NextDayAirSaver',
  '14': 'NextDayAirEarlyAM',
  '54': 'ExpressPlus',
  '59': '2ndDayAirAM',
  '65': 'UPSSaver',
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function easypostServiceOf(carrier: 'ups' | 'usps', service: { code: string; name: string }): string {
  if (carrier === 'ups' && UPS_SERVICES[service.code]) return UPS_SERVICES[service.code]!;
  return service.name.replace(new RegExp(`^${carrier}\\s+`, 'i'), '');
}

/** The rate of that carrier and service, or undefined when the carrier did not offer it. */
export function rateFor(
  rates: readonly CarrierRate[],
  carrier: 'ups' | 'usps',
  service: { code: string; name: string },
): CarrierRate | undefined {
  const wanted = squash(easypostServiceOf(carrier, service));
  return rates.find((r) => squash(r.carrier) === carrier && squash(r.service) === wanted);
}
