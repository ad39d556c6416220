import fc from 'fast-check';
import { encodeSegment, hostileSegment, hostileValue, HOSTILE_TEXT } from './hostile-values';
import { fromSchema, mutate, mutation, type JsonSchema, type SchemaWorld } from './schema-arbitrary';

/** One operation of the OpenAPI document, as the fuzzer reads it. */
export interface FuzzOperation {
  method: string;
  /** The document's path, e.g. /v1/orders/{id}. */
  path: string;
  operationId: string;
  scope?: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }[];
  bodySchema?: JsonSchema;
  bodyContentType?: string;
}

export type CallerName = 'admin' | 'warehouse-supervisor' | 'station';

/** A request as it goes on the wire: the path already encoded, the body already serialized. */
export interface FuzzRequest {
  caller: CallerName;
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** What the generator meant to send, for the failure report. */
  intent: string;
}

export function operationsOf(doc: Record<string, any>): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<Record<string, any>>(item)) {
      const content = op.requestBody?.content as Record<string, { schema: JsonSchema }> | undefined;
      const [contentType, media] = content ? Object.entries(content)[0]! : [];
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        scope: op['x-scope'],
        parameters: op.parameters ?? [],
        bodySchema: media?.schema,
        bodyContentType: contentType,
      });
    }
  }
  return out;
}

/** Bodies no JSON encoder produces: broken syntax, nothing, a stack-breaking nest, past the body limit. */
const RAW_BODIES = [
  '',
  ' ',
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
  '['.repeat(20_000) + ']'.repeat(20_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  '1e99999',
  '"\\uDEAD"',
  '{"a":1,"a":2}',
];
const OVERSIZE_BODY = `{"pad":"${'z'.repeat(5 * 1024 * 1024 + 10)}"}`;

const callerFor = (op: FuzzOperation): fc.Arbitrary<CallerName> =>
  op.scope === 'station'
    ? fc.constantFrom<CallerName>('station', 'station', 'station', 'admin')
    : fc.constantFrom<CallerName>('admin', 'admin', 'warehouse-supervisor', 'warehouse-supervisor', 'station');

function serializeQueryValue(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(',');
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

function pathParam(schema: JsonSchema | undefined, name: string, world: SchemaWorld): fc.Arbitrary<string> {
  const wellFormed = fc.oneof(
    fromSchema(schema ?? { type: 'string' }, world).map((v) => encodeSegment(String(v))),
    fc.constantFrom('SKU-MUG', 'web', 'RMA-20260101-00001', 'ORD-20260101-00001').map(encodeSegment),
  );
  const known = fc
    .constant(null)
    .map(() => world.knownIds())
    .chain((ids) => (ids.length ? fc.constantFrom(...ids) : fc.uuid()));
  return fc.oneof(
    { arbitrary: /id$/i.test(name) ? known : wellFormed, weight: 3 },
    { arbitrary: wellFormed, weight: 1 },
    { arbitrary: hostileSegment, weight: 3 },
  );
}

function queryString(op: FuzzOperation, world: SchemaWorld): fc.Arbitrary<string> {
  const declared = op.parameters.filter((p) => p.in === 'query');
  const one = (p: FuzzOperation['parameters'][number]) =>
    fc.oneof(
      { arbitrary: fromSchema(p.schema, world).map((v) => [[p.name, encodeSegment(serializeQueryValue(v))]]), weight: 3 },
      { arbitrary: fc.constantFrom(...HOSTILE_TEXT).map((v) => [[p.name, encodeSegment(v)]]), weight: 2 },
      { arbitrary: hostileSegment.map((v) => [[p.name, v]]), weight: 1 },
      // Repeated: a parser hands the handler an array where it expects one value.
      {
        arbitrary: fc.tuple(fromSchema(p.schema, world), fromSchema(p.schema, world)).map(([a, b]) => [
          [p.name, encodeSegment(serializeQueryValue(a))],
          [p.name, encodeSegment(serializeQueryValue(b))],
        ]),
        weight: 1,
      },
    );
  const extras = fc.oneof(
    fc.constant<string[][]>([]),
    fc.constantFrom<string[][]>(
      [['unknown', '1']],
      [['limit', '-1']],
      [['a[b]', 'c']],
      [['%zz', '1']],
      [['', '']],
      [['cursor', '%00']],
      [['__proto__', 'x']],
    ),
  );
  return fc.tuple(fc.tuple(...declared.map((p) => fc.option(one(p), { nil: [] }))), extras).map(([chosen, extra]) => {
    const pairs = [...chosen.flat(), ...extra] as string[][];
    return pairs.length ? `?${pairs.map(([k, v]) => (v === '' && k === '' ? '' : `${k}=${v}`)).join('&')}` : '';
  });
}

function bodyOf(op: FuzzOperation, world: SchemaWorld): fc.Arbitrary<{ body?: string; contentType?: string; intent: string }> {
  if (!op.bodySchema) {
    if (op.method === 'GET') return fc.constant({ intent: 'no body' });
    return fc.oneof(
      { arbitrary: fc.constant({ intent: 'no body' }), weight: 4 },
      {
        arbitrary: hostileValue.map((v) => ({
          body: JSON.stringify(v) ?? 'null',
          contentType: 'application/json',
          intent: 'an unexpected body',
        })),
        weight: 1,
      },
    );
  }
  const contentType = op.bodyContentType ?? 'application/json';
  if (contentType !== 'application/json') {
    return fc
      .oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...RAW_BODIES))
      .map((body) => ({ body, contentType, intent: `raw ${contentType}` }));
  }
  const valid = fromSchema(op.bodySchema, world);
  return fc.oneof(
    { arbitrary: valid.map((v) => ({ body: JSON.stringify(v), contentType, intent: 'valid-ish body' })), weight: 30 },
    {
      arbitrary: fc
        .tuple(valid, mutation)
        .map(([v, m]) => ({ body: JSON.stringify(mutate(v, m)) ?? '', contentType, intent: `mutated body (${m.kind})` })),
      weight: 60,
    },
    { arbitrary: fc.constantFrom(...RAW_BODIES).map((body) => ({ body, contentType, intent: 'raw body' })), weight: 10 },
    { arbitrary: fc.constant({ intent: 'no body' }), weight: 10 },
    { arbitrary: valid.map((v) => ({ body: JSON.stringify(v), contentType: 'text/plain', intent: 'wrong content type' })), weight: 10 },
    { arbitrary: fc.constant({ body: OVERSIZE_BODY, contentType, intent: 'body over the limit' }), weight: 1 },
  );
}

const optionalHeaders = fc.record(
  {
    'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('', ' ', 'k'.repeat(300), 'ключ', 'a b')),
    'if-match': fc.constantFrom('"1"', '"0"', '"-1"', 'W/"2"', '"9007199254740993"', '*', 'garbage', '""', '"1e3"'),
  },
  { requiredKeys: [] },
);

/** Requests for one operation: valid-ish and hostile path parameters, query strings, bodies and headers. */
export function requestsFor(op: FuzzOperation, world: SchemaWorld): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  return fc
    .record({
      caller: callerFor(op),
      params: fc.tuple(...pathParams.map((p) => pathParam(p.schema, p.name, world))),
      query: queryString(op, world),
      body: bodyOf(op, world),
      headers: optionalHeaders,
    })
    .map(({ caller, params, query, body, headers }) => {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => params[i++] ?? 'x');
      const all: Record<string, string> = { ...headers };
      for (const [k, v] of Object.entries(all)) if (!/^[\x20-\x7e]*$/.test(v)) all[k] = encodeURIComponent(v);
      if (body.contentType) all['content-type'] = body.contentType;
      return { caller, method: op.method, target: path + query, headers: all, body: body.body, intent: body.intent };
    });
}
