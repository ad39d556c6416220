import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { catalogOf, documentedOperations } from './catalog';
import { openApiPath } from './openapi-document';

let t: TestServer;
let doc: Record<string, any>;

beforeAll(async () => {
  t = await startTestServer();
  const res = await t.api('GET', '/v1/openapi.json', { token: null });
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => t.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Resolves a local JSON pointer (#/a/b) in the document, or undefined. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

function collectRefs(node: unknown, at: string, out: { ref: string; at: string }[] = []) {
  if (Array.isArray(node)) node.forEach((n, i) => collectRefs(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at });
      else collectRefs(v, `${at}/${k}`, out);
    }
  }
  return out;
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'not', 'propertyNames', 'contains', 'if', 'then', 'else'];

/** JSON Schema 2020-12 keywords used with the right shapes (the subset a generator can get wrong). */
function schemaErrors(schema: unknown, at: string, errors: string[]): void {
  if (typeof schema === 'boolean') return;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    errors.push(`${at}: a schema is an object or a boolean`);
    return;
  }
  const s = schema as Record<string, unknown>;
  for (const t of [s.type].flat().filter((x) => x !== undefined))
    if (!JSON_TYPES.includes(t as string)) errors.push(`${at}: unknown type ${String(t)}`);
  if (s.required !== undefined && (!Array.isArray(s.required) || s.required.some((r) => typeof r !== 'string')))
    errors.push(`${at}: required is a list of names`);
  if (Array.isArray(s.required) && s.properties && typeof s.properties === 'object' && !s.additionalProperties) {
    for (const r of s.required as string[]) if (!(r in (s.properties as object))) errors.push(`${at}: required ${r} is not a property`);
  }
  if (s.enum !== undefined && (!Array.isArray(s.enum) || !s.enum.length)) errors.push(`${at}: enum is a non-empty list`);
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'])
    if (s[k] !== undefined && typeof s[k] !== 'number') errors.push(`${at}: ${k} is a number`);
  for (const k of SCHEMA_MAPS)
    if (s[k]) for (const [n, sub] of Object.entries(s[k] as object)) schemaErrors(sub, `${at}.${k}.${n}`, errors);
  for (const k of SCHEMA_LISTS) if (s[k]) (s[k] as unknown[]).forEach((sub, i) => schemaErrors(sub, `${at}.${k}[${i}]`, errors));
  for (const k of SCHEMA_ONE) if (s[k] !== undefined) schemaErrors(s[k], `${at}.${k}`, errors);
}

/** The structural rules of OpenAPI 3.1 that a generator can get wrong; returns every violation found. */
function structuralErrors(d: Record<string, any>): string[] {
  const errors: string[] = [];
  if (d.openapi !== '3.1.0') errors.push(`openapi is ${d.openapi}`);
  if (typeof d.info?.title !== 'string' || typeof d.info?.version !== 'string') errors.push('info.title and info.version are required');
  if (!d.paths || typeof d.paths !== 'object') errors.push('paths missing');
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries<Record<string, any>>(d.paths ?? {})) {
    if (!path.startsWith('/')) errors.push(`${path}: paths start with /`);
    if (/:[A-Za-z]/.test(path)) errors.push(`${path}: fastify-style parameter left in the path`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries<Record<string, any>>(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) {
        errors.push(`${where}: unknown method`);
        continue;
      }
      if (typeof op.operationId !== 'string') errors.push(`${where}: operationId missing`);
      else if (operationIds.has(op.operationId)) errors.push(`${where}: duplicate operationId ${op.operationId}`);
      else operationIds.add(op.operationId);
      if (!op.responses || !Object.keys(op.responses).length) errors.push(`${where}: no responses`);
      for (const [status, res] of Object.entries<Record<string, any>>(op.responses ?? {})) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) errors.push(`${where}: bad status ${status}`);
        if (typeof res.description !== 'string') errors.push(`${where} ${status}: description required`);
        for (const media of Object.values<Record<string, unknown>>(res.content ?? {}))
          if (!media.schema) errors.push(`${where} ${status}: media type without schema`);
      }
      const params: Record<string, any>[] = op.parameters ?? [];
      const seen = new Set<string>();
      for (const p of params) {
        if (!['path', 'query', 'header', 'cookie'].includes(p.in)) errors.push(`${where}: parameter ${p.name} in ${p.in}`);
        if (seen.has(`${p.in}:${p.name}`)) errors.push(`${where}: duplicate parameter ${p.name}`);
        seen.add(`${p.in}:${p.name}`);
        if (p.in === 'path' && p.required !== true) errors.push(`${where}: path parameter ${p.name} must be required`);
        if (p.in === 'path' && !templated.includes(p.name)) errors.push(`${where}: path parameter ${p.name} not in the path`);
        if (!p.schema && !p.content) errors.push(`${where}: parameter ${p.name} has no schema`);
      }
      for (const name of templated)
        if (!params.some((p) => p.in === 'path' && p.name === name)) errors.push(`${where}: {${name}} is not declared`);
      if (op.requestBody && !Object.keys(op.requestBody.content ?? {}).length) errors.push(`${where}: requestBody without content`);
      for (const req of op.security ?? [])
        for (const scheme of Object.keys(req))
          if (!d.components?.securitySchemes?.[scheme]) errors.push(`${where}: unknown security scheme ${scheme}`);
    }
  }
  for (const { ref, at } of collectRefs(d, '#')) {
    if (resolvePointer(d, ref) === undefined) errors.push(`${at}: $ref ${ref} does not resolve`);
  }
  for (const [name, schema] of Object.entries<Record<string, unknown>>(d.components?.schemas ?? {})) {
    if ('$id' in schema || '$schema' in schema) errors.push(`components.schemas.${name}: carries $id/$schema`);
    schemaErrors(schema, `components.schemas.${name}`, errors);
  }
  return errors;
}

describe('OpenAPI document', () => {
  it('is structurally valid OpenAPI 3.1: operations, parameters, responses, and every $ref resolves', () => {
    expect(structuralErrors(doc)).toEqual([]);
    expect(collectRefs(doc, '#').length).toBeGreaterThan(50);
  });

  it('the structural check catches what it claims to', () => {
    const broken = structuredClone(doc);
    broken.paths['/v1/orders/{id}'].get.responses['200'].content['application/json'].schema.$ref = '#/components/schemas/Nope';
    broken.components.schemas.Problem.properties.status.type = 'int';
    broken.paths['/v1/orders/{id}/cancel'].post.parameters = broken.paths['/v1/orders/{id}/cancel'].post.parameters.filter(
      (p: { in: string }) => p.in !== 'path',
    );
    const errors = structuralErrors(broken);
    expect(errors.some((e) => e.includes('#/components/schemas/Nope'))).toBe(true);
    expect(errors.some((e) => e.includes('{id} is not declared'))).toBe(true);
    expect(errors).toContain('components.schemas.Problem.properties.status: unknown type int');
  });

  it('documents every route this server registered, and only routes that exist', () => {
    const expected = [
      ...documentedOperations(t.server.app).map((o) => ({ method: o.method, url: o.url })),
      ...catalogOf(t.server.app).seen,
    ];
    expect(expected.length).toBeGreaterThan(40);
    for (const r of expected) {
      expect(doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      const url = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const method of Object.keys(item))
        expect(t.server.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${path}`).toBe(true);
    }
    for (const early of ['/health', '/v1/warehouses', '/v1/sync/pull']) expect(Object.keys(doc.paths)).toContain(early);
  });

  it('is generated from the request schemas the routes validate with', () => {
    const cancel = doc.paths['/v1/orders/{id}/cancel'].post;
    const body = doc.components.schemas[cancel.requestBody.content['application/json'].schema.$ref.split('/').pop()];
    expect(body.required).toEqual(['reason']);
    expect(body.properties.restock).toMatchObject({ type: 'boolean', default: true });
    expect(cancel.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'Idempotency-Key', 'If-Match']);
    expect(cancel.responses['409'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    const create = doc.components.schemas.CreateOrderRequest;
    expect(create.properties.shippingAddress.$ref).toBe('#/components/schemas/Address');
    expect(create.properties.lines.items.properties.unitPriceMinor.type).toBe('integer');
    const list = doc.paths['/v1/orders'].get.parameters;
    expect(list.find((p: { name: string }) => p.name === 'status')).toMatchObject({
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      schema: { type: 'array' },
    });
    expect(list.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ type: 'integer', maximum: 200, default: 50 });
    expect(doc.paths['/v1/orders/webhook/payment'].post.security).toEqual([]);
    expect(doc.paths['/v1/orders/webhook/payment'].post.parameters.map((p: { name: string }) => p.name)).toContain('x-payment-signature');
  });
});

describe('docs page and health', () => {
  it('serves a self-contained HTML page listing the operations', async () => {
    const res = await fetch(`${t.url}/v1/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/i);
    for (const id of ['cancelOrder', 'paymentWebhook', 'listOrders', 'refundOrder']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('/v1/orders/{id}/partial-cancel');
  });

  it('answers /health and /v1/orders/health with the database', async () => {
    const health = await t.api('GET', '/health', { token: null });
    expect(health.body).toMatchObject({ status: 'ok' });
    const orders = await t.api('GET', '/v1/orders/health', { token: null });
    expect(orders.status).toBe(200);
    expect(orders.body.database.migrations).toContain('0002-order-lifecycle');
    expect(orders.body.database.engine).toBe(t.server.db.engine);
  });
});
