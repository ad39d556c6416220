/**
 * Sample data for the demo, created through the public API like an integrator would: two
 * warehouses with stock, and paid multi-line orders that route to them (some backordered).
 */
const products = [
  { sku: 'MUG-ENAMEL-WHT', barcode: '5012345678900', name: 'Enamel mug, white', unitPriceMinor: 1250 },
  { sku: 'TEE-ORG-M', barcode: '5012345678917', name: 'Organic tee, M', unitPriceMinor: 2200 },
  { sku: 'TOTE-CANVAS', barcode: '5012345678924', name: 'Canvas tote', unitPriceMinor: 1500 },
  { sku: 'CAP-WOOL-BLK', barcode: '5012345678931', name: 'Wool cap, black', unitPriceMinor: 1800 },
  { sku: 'SOCK-MERINO-42', barcode: '5012345678948', name: 'Merino socks 42', unitPriceMinor: 900 },
  { sku: 'LAMP-DESK-OAK', barcode: '5012345678955', name: 'Oak desk lamp', unitPriceMinor: 6400 },
];
const customers = [
  { name: 'Ada Lovelace', city: 'London', postalCode: 'SW1Y 4JH', line1: '12 St James Square' },
  { name: 'Grace Hopper', city: 'Manchester', postalCode: 'M1 1AE', line1: '3 Piccadilly' },
  { name: 'Alan Turing', city: 'Cambridge', postalCode: 'CB2 1TN', line1: "King's Parade" },
  { name: 'Katherine Johnson', city: 'Bristol', postalCode: 'BS1 4DJ', line1: '20 Queen Square' },
  { name: 'Tim Berners-Lee', city: 'Leeds', postalCode: 'LS1 3AD', line1: '8 Park Row' },
];

export async function seedDemoOrders(serverUrl: string, token: string, orderCount = 12) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(serverUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown> & { detail?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${json.detail ?? res.status}`);
    return json as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- API JSON, shapes checked by the server
  };
  const existing = (await call('GET', '/v1/warehouses')).data as { id: string; code: string; name: string }[];
  if (existing.length) return { created: false, warehouses: existing, orders: 0 };

  const london = await call('POST', '/v1/warehouses', { code: 'LON-1', name: 'London DC', priority: 1 });
  const leeds = await call('POST', '/v1/warehouses', { code: 'LDS-1', name: 'Leeds DC', priority: 2 });
  // London holds most things; the lamp is only in Leeds; socks are out everywhere (backorders).
  for (const p of products) {
    if (p.sku === 'SOCK-MERINO-42') continue;
    if (p.sku !== 'LAMP-DESK-OAK') await call('PUT', `/v1/inventory/${london.id}/${p.sku}`, { onHand: 40 });
    await call('PUT', `/v1/inventory/${leeds.id}/${p.sku}`, { onHand: 15 });
  }
  let rng = 42;
  const next = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < orderCount; i++) {
    const c = customers[i % customers.length]!;
    const picks = [...products].sort(() => next() - 0.5).slice(0, 1 + Math.floor(next() * 3));
    await call('POST', '/v1/orders', {
      currency: 'GBP',
      channel: i % 3 === 0 ? 'marketplace' : 'web',
      customer: { name: c.name, email: `${c.name.split(' ')[0]!.toLowerCase()}@example.com` },
      shippingAddress: { name: c.name, line1: c.line1, city: c.city, postalCode: c.postalCode, country: 'GB' },
      lines: picks.map((p) => ({ ...p, quantity: 1 + Math.floor(next() * 2), taxRateBps: 2000 })),
      shippingMinor: 495,
      payment: { status: 'paid', reference: `demo-${i + 1}` },
    });
  }
  return { created: true, warehouses: [london, leeds] as { id: string; code: string; name: string }[], orders: orderCount };
}
