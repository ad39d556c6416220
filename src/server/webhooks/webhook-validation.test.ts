import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

describe('webhook subscriptions refuse what cannot be delivered', () => {
  let t: TestServer;
  const count = async () => Number((await t.server.db.query<{ n: unknown }>('select count(*) as n from webhooks'))[0]!.n);
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it.each(['not a url', '', 'http://', 'http://a b.com/x', 'https://', 'mailto:ops@example.com', 'ftp://example.com/x'])(
    'url %j: 400 naming the field, nothing stored',
    async (url) => {
      const before = await count();
      const res = await t.api('POST', '/v1/webhooks', { body: { url, events: ['order.created'] } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('url');
      expect(await count()).toBe(before);
    },
  );

  it('refuses an event name Dockside never publishes, and accepts real ones in every form', async () => {
    const res = await t.api('POST', '/v1/webhooks', { body: { url: 'https://example.com/hooks', events: ['order.teleported'] } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('order.teleported');
    const ok = await t.api('POST', '/v1/webhooks', {
      body: {
        url: 'https://example.com/hooks',
        events: ['order.shipped', 'package-shipped', 'package.shipped', 'order.status.changed', '*'],
      },
    });
    expect(ok.status).toBe(201);
  });
});
