import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { documentedOperations, namedSchemas, type OperationSpec } from './catalog';

type Json = Record<string, unknown>;

const pascal = (s: string) => s.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase());
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{wildcard}');
const pathParamNames = (url: string) =>
  [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!).concat(url.endsWith('*') ? ['wildcard'] : []);

function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function parameterSchema(schema: z.ZodType): { schema: Json; required: boolean; description?: string; array: boolean } {
  const json = strip(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Json);
  const array = json.type === 'array';
  const { description, ...rest } = json;
  return {
    schema: Object.keys(rest).length ? rest : { type: 'string' },
    required: !schema.safeParse(undefined).success,
    description: description as string | undefined,
    array,
  };
}

function parameters(op: OperationSpec): Json[] {
  const out: Json[] = [];
  const declared = new Set<string>();
  for (const [name, schema] of Object.entries(op.params?.shape ?? {})) {
    declared.add(name);
    out.push({ name, in: 'path', required: true, schema: parameterSchema(schema as z.ZodType).schema });
  }
  for (const name of pathParamNames(op.url))
    if (!declared.has(name)) out.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
    const p = parameterSchema(schema as z.ZodType);
    out.push({
      name,
      in: 'query',
      required: p.required,
      schema: p.schema,
      ...(p.description ? { description: p.description } : {}),
      ...(p.array ? { style: 'form', explode: false } : {}),
    });
  }
  if (op.idempotent)
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255 },
      description:
        'Same key and body: the same response again (Idempotent-Replayed: true). Same key, other body: 422 idempotency_key_reused. Kept 24 hours.',
    });
  if (op.ifMatch)
    out.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      schema: { type: 'string' },
      description:
        'The ETag (version) you last read; another current version answers 409 version_mismatch with currentVersion. A `version` number in the JSON body does the same.',
    });
  for (const h of op.requestHeaders ?? [])
    out.push({ name: h.name, in: 'header', required: h.required, schema: { type: 'string' }, description: h.description });
  return out;
}

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with (zod 4's
 * toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Every route is declared
 * (http/define-route.ts; route-declarations.test.ts holds every registered route to that), so
 * the document misses none.
 */
export function buildOpenApiDocument(app: FastifyInstance, info: { version: string } = { version: '1.0.0' }): Json {
  const operations = documentedOperations(app);
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  const used = new Set<string>();
  const ensure = (schema: z.ZodType, fallback: string): string => {
    const known = ids.get(schema);
    if (known) return known;
    let id = fallback;
    for (let i = 2; used.has(id); i++) id = `${fallback}${i}`;
    used.add(id);
    ids.set(schema, id);
    registry.add(schema, { id });
    return id;
  };
  for (const [schema, name] of namedSchemas()) ensure(schema, name);
  const refs = new Map<OperationSpec, { body?: string; responses: Record<number, string | undefined> }>();
  for (const op of operations) {
    const r = {
      body: op.body ? ensure(op.body, `${pascal(op.operationId)}Request`) : undefined,
      responses: {} as Record<number, string | undefined>,
    };
    for (const [status, res] of Object.entries(op.responses))
      r.responses[Number(status)] = res.schema ? ensure(res.schema, `${pascal(op.operationId)}Response${status}`) : undefined;
    refs.set(op, r);
  }
  const generated = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' }) as {
    schemas: Record<string, Json>;
  };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([k, v]) => [k, strip(v)]));

  const paths: Record<string, Record<string, Json>> = {};
  const add = (method: string, url: string, operation: Json) => {
    (paths[openApiPath(url)] ??= {})[method.toLowerCase()] = operation;
  };
  for (const op of operations) {
    const r = refs.get(op)!;
    const responses: Record<string, Json> = {};
    for (const [status, res] of Object.entries(op.responses)) {
      const ref = r.responses[Number(status)];
      responses[status] = {
        description: res.description,
        ...(res.headers?.length ? { headers: Object.fromEntries(res.headers.map((h) => [h, { schema: { type: 'string' } }])) } : {}),
        ...(ref ? { content: { [res.contentType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${ref}` } } } } : {}),
      };
    }
    add(op.method, op.url, {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [...op.tags],
      parameters: parameters(op),
      ...(r.body
        ? {
            requestBody: {
              required: !op.bodyOptional,
              content: { [op.bodyContentType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${r.body}` } } },
            },
          }
        : {}),
      responses,
      security: op.roles.length ? [{ bearerAuth: [] }] : [],
      'x-roles': [...op.roles],
      ...(op.scope ? { 'x-scope': op.scope } : {}),
      ...(op.idempotent ? { 'x-idempotent': true } : {}),
    });
  }
  const tags = [...new Set(Object.values(paths).flatMap((p) => Object.values(p).flatMap((o) => o.tags as string[])))]
    .sort()
    .map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dockside central order server',
      version: info.version,
      description:
        'Orders, fulfillment, returns and replication for Dockside stations. Money is integer minor units with an ISO 4217 currency; times are UTC ISO 8601; ids are UUIDs. Errors are application/problem+json with a stable `code`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            "An API key (dks_ak_...) or a station credential (dks_st_...). A station may add a `Dockside-Acting-User: <user id>` header to act for the person signed in at it, with that person's role (an admin acts as a supervisor) and the station's warehouse scope.",
        },
      },
    },
  };
}
