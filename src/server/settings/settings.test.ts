import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api/settings';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let integrator: string;
let stationToken: string;

beforeAll(async () => {
  t = await startTestServer();
  ({ stationToken } = await setUpWarehouse(t, 'LON-1'));
  integrator = (await t.api('POST', '/v1/api-keys', { body: { name: 'shop', role: 'integrator' } })).body.key;
});
afterAll(async () => {
  await t.close();
});

const put = (body: unknown, ifMatch?: string, token?: string) =>
  t.api('PUT', '/v1/settings', { body, headers: ifMatch ? { 'if-match': ifMatch } : {}, ...(token ? { token } : {}) });

describe('GET/PUT /v1/settings', () => {
  it('answers the defaults with their version as an ETag, to an integrator too', async () => {
    const res = await t.api('GET', '/v1/settings', { token: integrator });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual(DEFAULT_SETTINGS);
    expect(res.body.settings.policies).toMatchObject({
      cancelUnpaid: { enabled: false, afterHours: 48 },
      autoConfirm: { enabled: true, on: 'authorized' },
      partialShipments: { allowByDefault: true, channels: [] },
    });
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
  });

  it('replaces the settings only with the version read: without one 428, with a stale one 409, and two saves at once never both win', async () => {
    const read = await t.api('GET', '/v1/settings');
    const etag = read.headers.get('etag')!;
    const cancelAfter = (afterHours: number) => ({ policies: { cancelUnpaid: { enabled: true, afterHours } } });

    const blind = await put(cancelAfter(24));
    expect(blind.status).toBe(428);
    expect(blind.body.code).toBe('version_required');

    const [a, b] = await Promise.all([put(cancelAfter(24), etag), put(cancelAfter(72), etag)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.body.version).toBe(read.body.version + 1);
    expect(won.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
    expect(lost.body).toMatchObject({ code: 'version_mismatch', currentVersion: read.body.version + 1 });
    // Sections left out took their defaults; the winner's value is what is stored.
    const after = await t.api('GET', '/v1/settings');
    expect(after.body.settings.policies.cancelUnpaid).toEqual(
      won === a ? { enabled: true, afterHours: 24 } : { enabled: true, afterHours: 72 },
    );
    expect(after.body.settings.policies.retention).toEqual(DEFAULT_SETTINGS.policies.retention);
    expect(after.body.updatedBy).toMatchObject({ kind: 'api' });

    // The loser reloads and saves on the new version, here as a body `version` (clients without headers).
    const retried = await put({ ...cancelAfter(72), version: after.body.version });
    expect(retried.status).toBe(200);
    expect(retried.body.settings.policies.cancelUnpaid.afterHours).toBe(72);
  });

  it('refuses settings that are not valid with 400 and the field, and a caller who is not an admin with 403', async () => {
    const etag = (await t.api('GET', '/v1/settings')).headers.get('etag')!;
    const bad = [
      { policies: { cancelUnpaid: { enabled: true, afterHours: 0 } } },
      { policies: { reviewHold: { enabled: true, thresholds: [{ currency: 'gbp', overMinor: 100 }] } } },
      {
        policies: {
          reviewHold: {
            thresholds: [
              { currency: 'GBP', overMinor: 1 },
              { currency: 'GBP', overMinor: 2 },
            ],
          },
        },
      },
      {
        policies: {
          partialShipments: {
            channels: [
              { channel: 'web', allow: false },
              { channel: 'web', allow: true },
            ],
          },
        },
      },
      { policies: { autoConfirm: { on: 'shipped' } } },
      { policies: { retention: { anonymizeAfterDays: 1.5 } } },
      { policies: {}, surprise: true },
    ];
    for (const body of bad) {
      const res = await put(body, etag);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await put({}, etag, integrator)).status).toBe(403);
    expect((await t.api('GET', '/v1/settings', { token: stationToken })).status).toBe(403);
    expect((await t.api('GET', '/v1/settings')).headers.get('etag')).toBe(etag);
  });
});

describe('GET /v1/capabilities and /v1/policies', () => {
  it('tells any caller what the server can do', async () => {
    const res = await t.api('GET', '/v1/capabilities', { token: stationToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      apiVersion: 'v1',
      features: { splitShipments: true, automationPolicies: true, graphql: true },
      policies: ['cancelUnpaid', 'autoConfirm', 'partialShipments', 'reviewHold', 'retention'],
      notificationChannels: { email: false, slack: false, sms: false },
    });
    expect(res.body.statusVocabularies).toContain('oms-rest');
    expect((await t.api('GET', '/v1/capabilities', { token: null })).status).toBe(401);
  });

  it('lists each policy with whether it is on and when the scheduler ran it', async () => {
    const res = await t.api('GET', '/v1/policies');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.data.map((p: { policy: string }) => [p.policy, p]));
    expect(Object.keys(byName).sort()).toEqual(['autoConfirm', 'cancelUnpaid', 'partialShipments', 'retention', 'reviewHold']);
    expect(byName.autoConfirm.enabled).toBe(true);
    expect(byName.retention.enabled).toBe(false);
    expect(byName.autoConfirm.nextRunAt).toEqual(expect.any(String));
    expect((await t.api('GET', '/v1/policies', { token: integrator })).status).toBe(403);
  });
});
