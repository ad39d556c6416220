import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteRole } from '../auth/principal';
import { catalogOf, type RouteSpec } from '../openapi/catalog';
import { setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let declared: RouteSpec[];
/** A credential per role, to show each route refuses the roles its declaration leaves out. */
const tokens = new Map<RouteRole, string>();

beforeAll(async () => {
  t = await startTestServer();
  declared = catalogOf(t.server.app).declared;
  const lon = await setUpWarehouse(t, 'LON-1', {});
  tokens.set('station', lon.stationToken);
  for (const role of ['supervisor', 'packer', 'returns', 'integrator'] as const) {
    const key = await t.api('POST', '/v1/api-keys', { body: { name: `${role} key`, role } });
    expect(key.status).toBe(201);
    tokens.set(role, key.body.key);
  }
});
afterAll(() => t.close());

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** A request that fails every check but authorization: each path parameter blank, each query parameter junk, a body that is not even JSON. */
function junkRequest(spec: RouteSpec, token: string | null): Promise<Response> {
  const path = spec.url.replace(/:[A-Za-z0-9_]+/g, '%20');
  const query = Object.keys(spec.query?.shape ?? {})
    .map((k) => `${k}=%00`)
    .join('&');
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const hasBody = spec.method !== 'GET' && spec.method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  return fetch(`${t.url}${path}${query ? `?${query}` : ''}`, { method: spec.method, headers, body: hasBody ? '{"not json' : undefined });
}

describe('every route is declared once', () => {
  it('registers no route without a declaration', () => {
    const seen = catalogOf(t.server.app).seen.map(keyOf);
    expect(new Set(seen).size, 'a route registered twice').toBe(seen.length);
    const declaredKeys = new Set(declared.map(keyOf));
    expect(declaredKeys.size, 'a route declared twice').toBe(declared.length);
    expect(seen.filter((r) => !declaredKeys.has(r))).toEqual([]);
    // Tracking starts before the first route, so every declared route was seen registered.
    expect(declared.map(keyOf).filter((r) => !seen.includes(r))).toEqual([]);
    expect(declared.length).toBeGreaterThan(118);
  });

  it('names the scope of every authenticated route', () => {
    expect(declared.filter((s) => s.roles.length && !s.scope).map(keyOf)).toEqual([]);
  });
});

describe('authorization comes from the declaration, before anything else is read', () => {
  it('answers 401 to every non-public route called without a credential, whatever the request holds', async () => {
    const guarded = declared.filter((s) => s.roles.length);
    expect(guarded.length).toBeGreaterThan(90);
    const wrong: string[] = [];
    for (const spec of guarded) {
      const res = await junkRequest(spec, null);
      const body = (await res.json()) as { code?: string };
      if (res.status !== 401 || body.code !== 'unauthorized') wrong.push(`${keyOf(spec)}: ${res.status} ${body.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to a role the declaration leaves out, before validating the request', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const spec of declared.filter((s) => s.roles.length)) {
      const outsider = [...tokens.keys()].find((role) => !spec.roles.includes(role));
      if (!outsider) continue;
      checked++;
      const res = await junkRequest(spec, tokens.get(outsider)!);
      const body = (await res.json()) as { code?: string };
      if (res.status !== 403 || body.code !== 'forbidden') wrong.push(`${keyOf(spec)} as ${outsider}: ${res.status} ${body.code}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  });

  it('keeps unbound-scope routes to callers not bound to a warehouse, and station-scope routes to stations', async () => {
    const bound = await t.api('POST', '/v1/api-keys', {
      body: { name: 'bound integrator', role: 'integrator', warehouseId: (await t.api('GET', '/v1/warehouses')).body.data[0].id },
    });
    for (const spec of declared.filter((s) => s.scope === 'unbound')) {
      const res = await junkRequest(spec, bound.body.key);
      expect(res.status, keyOf(spec)).toBe(403);
    }
    const signInList = await t.api('GET', '/v1/sync/users');
    expect(signInList.status).toBe(403);
    expect((await t.api('GET', '/v1/sync/users', { token: tokens.get('station')! })).status).toBe(200);
  });
});
