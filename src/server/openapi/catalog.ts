import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** application/json unless said otherwise. */
  contentType?: string;
  /** Response headers worth documenting, e.g. ETag, Location. */
  headers?: readonly string[];
}

/** One documented operation: the same schemas validate the request and generate OpenAPI. */
export interface OperationSpec {
  method: HttpMethod;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** Roles that may call it; empty = no credential needed. */
  roles: readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is optional (commands that take only optional fields). */
  bodyOptional?: boolean;
  bodyContentType?: string;
  responses: Readonly<Record<number, ResponseSpec>>;
  /** Accepts Idempotency-Key. */
  idempotent?: boolean;
  /** Honours If-Match (optimistic concurrency). */
  ifMatch?: boolean;
  /** Extra request headers, e.g. a webhook signature. */
  requestHeaders?: readonly { name: string; required: boolean; description: string }[];
}

export interface RouteCatalog {
  operations: OperationSpec[];
  /** Every route registered after tracking began, documented or not (so the document misses none). */
  seen: { method: string; url: string }[];
}

const catalogs = new WeakMap<FastifyInstance, RouteCatalog>();
const names = new Map<z.ZodType, string>();

/** The catalog of one server instance (tests run several in a process). */
export function catalogOf(app: FastifyInstance): RouteCatalog {
  let c = catalogs.get(app);
  if (!c) {
    c = { operations: [], seen: [] };
    catalogs.set(app, c);
  }
  return c;
}

/** Records every route registered from now on; call before other modules add routes. */
export function trackRoutes(app: FastifyInstance): void {
  const c = catalogOf(app);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      c.seen.push({ method, url: route.url });
    }
  });
}

export function document(app: FastifyInstance, spec: OperationSpec): void {
  catalogOf(app).operations.push(spec);
}

/** Gives a schema its component name in the OpenAPI document (otherwise it is named after its operation). */
export function named<S extends z.ZodType>(schema: S, name: string): S {
  names.set(schema, name);
  return schema;
}

export function nameOf(schema: z.ZodType): string | undefined {
  return names.get(schema);
}

/** Every named schema, so shared parts (Address, Actor...) become components wherever they appear. */
export function namedSchemas(): [z.ZodType, string][] {
  return [...names];
}
