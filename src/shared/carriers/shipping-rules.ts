import type { ShippingRule, ShippingRuleConditions, StationCarrierAccount } from './carrier-config';

/** What a rule looks at: the package and the order it ships for. */
export interface ShipmentFacts {
  weightGrams: number | null;
  country: string | null;
  region: string | null;
  channel: string | null;
  orderValueMinor: number | null;
}

export interface ChosenService {
  account: StationCarrierAccount;
  serviceCode: string;
  serviceName: string;
  /** The rule that chose it; null when chosen by hand. */
  ruleName: string | null;
}

const within = (value: number | null, r: { min?: number; max?: number } | undefined) =>
  !r || (value !== null && (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max));
const oneOf = (value: string | null, list: readonly string[] | undefined, fold: (s: string) => string = (s) => s) =>
  !list || (value !== null && list.some((x) => fold(x) === fold(value.trim())));
const upper = (s: string) => s.toUpperCase();

/** A condition on a fact the package lacks (no weight typed yet) does not match: a rule never guesses. */
export function ruleMatches(when: ShippingRuleConditions, facts: ShipmentFacts): boolean {
  return (
    within(facts.weightGrams, when.weightGrams) &&
    within(facts.orderValueMinor, when.orderValueMinor) &&
    oneOf(facts.country, when.countries, upper) &&
    oneOf(facts.region, when.regions, upper) &&
    oneOf(facts.channel, when.channels)
  );
}

/**
 * The first rule, in order, that matches and names a service of an account the station has.
 * Pure, so the station runs exactly what the server documents, offline.
 */
export function chooseService(
  rules: readonly ShippingRule[],
  accounts: readonly StationCarrierAccount[],
  facts: ShipmentFacts,
): ChosenService | null {
  for (const rule of rules) {
    if (!ruleMatches(rule.when, facts)) continue;
    const chosen = serviceOf(accounts, rule.accountId, rule.serviceCode);
    if (chosen) return { ...chosen, ruleName: rule.name };
  }
  return null;
}

/** An account's service by code (a per-package override at the pack screen names one this way). */
export function serviceOf(
  accounts: readonly StationCarrierAccount[],
  accountId: string,
  serviceCode: string,
): Omit<ChosenService, 'ruleName'> | null {
  const account = accounts.find((a) => a.id === accountId);
  const service = account?.services.find((s) => s.code === serviceCode);
  return account && service ? { account, serviceCode: service.code, serviceName: service.name } : null;
}
