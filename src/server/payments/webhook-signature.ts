import { createHmac, timingSafeEqual } from 'node:crypto';

export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature';

/** The signature a gateway sends for a body: `sha256=` and the hex HMAC-SHA256 of the raw bytes. */
export function signPaymentWebhook(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Constant-time check of a signature header against the raw body (accepts the bare hex too). */
export function verifyPaymentSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const m = /^(?:sha256=)?([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(m[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
