import type { Address } from '../domain/address';

/** An address as printed: name, company, street lines, "city region postal", country. */
export function addressLines(a: Address): string[] {
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.name, a.company, a.line1, a.line2, cityLine, a.country].filter((l): l is string => Boolean(l && l.trim()));
}
