import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex } from './sha256';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
/** The reference: the platform's own SHA-256 (WebCrypto, which Node has in any context). */
const native = async (bytes: Uint8Array<ArrayBuffer>) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));

describe('SHA-256 without crypto.subtle', () => {
  it('gives the standard digests (FIPS 180-4 examples)', () => {
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with the platform on every length around the block edges, and on long and non-Latin input', async () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(hex(sha256(bytes)), `${n} bytes`).toBe(await native(bytes));
    }
    const text = new TextEncoder().encode('Zażółć gęślą jaźń — 倉庫 — '.repeat(500));
    expect(hex(sha256(text))).toBe(await native(text));
  });

  it('hashes the same with and without crypto.subtle, so a database opens on either path', async () => {
    const schema = JSON.stringify({ title: 'fulfillment order', version: 2, primaryKey: 'id' });
    const withSubtle = await sha256Hex(schema);
    // As in a page served over plain HTTP from a name: no crypto.subtle.
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(await sha256Hex(schema)).toBe(withSubtle);
    } finally {
      delete (globalThis.crypto as { subtle?: unknown }).subtle;
    }
    expect(crypto.subtle).toBeDefined();
    expect(withSubtle).toBe(await native(new TextEncoder().encode(schema)));
  });
});
