import { expect } from 'vitest';
import { signPaymentWebhook } from '../payments/webhook-signature';

/**
 * The payment gateway as tests play it (an outside edge): it reports what happened to an order's
 * payment (`payment.captured`, `payment.voided`, …) to the server's webhook, signed over the exact
 * bytes with `secret` (the server's DOCKSIDE_PAYMENT_WEBHOOK_SECRET). Each report must be taken (200).
 */
export function paymentGateway(serverUrl: () => string, secret: string) {
  return async function report(type: string, order: { id: string }, amountMinor: number) {
    const raw = JSON.stringify({
      id: `evt_${crypto.randomUUID()}`,
      type,
      createdAt: new Date().toISOString(),
      data: { orderId: order.id, provider: 'stripe', paymentReference: `pi_${order.id.slice(0, 8)}`, amountMinor, currency: 'GBP' },
    });
    const res = await fetch(`${serverUrl()}/v1/orders/webhook/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-payment-signature': signPaymentWebhook(raw, secret) },
      body: raw,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { outcome: string; paymentStatus: string };
  };
}
