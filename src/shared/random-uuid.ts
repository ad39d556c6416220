import { hexOf, uuidFromHex } from './hex';

/**
 * A random (version 4) UUID from `crypto.getRandomValues`, which every page has.
 * `crypto.randomUUID` exists only in a secure context, and a handheld on the warehouse LAN loads
 * the station over plain HTTP from a name: the station's ids are made here instead.
 */
export function randomUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 9562 variant
  return uuidFromHex(hexOf(b));
}
