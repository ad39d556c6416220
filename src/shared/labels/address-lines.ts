import type { Address } from '../domain/address';

/** One printed line of an address; the essential ones (name, street, city with postcode, country) are never dropped. */
export interface AddressLine {
  text: string;
  essential: boolean;
}

/** An address as printed: name, company, street lines, "city, region postcode", country. */
export function addressParts(a: Address): AddressLine[] {
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const parts: [string | undefined, boolean][] = [
    [a.name, true],
    [a.company, false],
    [a.line1, true],
    [a.line2, false],
    [cityLine, true],
    [a.country, true],
  ];
  return parts.filter(([text]) => Boolean(text && text.trim())).map(([text, essential]) => ({ text: text!, essential }));
}
