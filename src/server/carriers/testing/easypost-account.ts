/**
 * The body of POST /v1/carrier-accounts for a UPS account that buys its labels from EasyPost (the
 * contract server standing in for it), as the tests and e2e specs create one.
 */
export function easyPostAccount(warehouseId: string, apiKey: string, extra: Record<string, unknown> = {}) {
  return {
    warehouseId,
    carrier: 'ups',
    accountNumber: 'EZ0001',
    name: 'UPS via EasyPost',
    labelFormat: 'zpl',
    labelSource: 'easypost',
    services: [{ code: '03', name: 'UPS Ground' }],
    credentials: { apiKey },
    ...extra,
  };
}
