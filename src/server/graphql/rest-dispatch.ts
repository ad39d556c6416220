import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { graphqlJs } from './graphql-js';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { etagOf } from '../http/etag';
import type { Problem } from '../http/problem';

/**
 * GraphQL resolves every field by dispatching to the REST route that answers it, in process
 * (app.inject), with the caller's own credential. Why not call the command functions directly:
 * the REST route is where authentication, roles, warehouse scope, zod validation, Idempotency-Key
 * and If-Match are enforced (define-route.ts, order-command.ts, idempotency.ts); dispatching to
 * it makes GraphQL one more client of that single code path, so the two cannot drift apart and
 * refuse with the same problem codes. The cost is measured in graphql.test.ts (a fraction of a
 * millisecond per dispatch; the credential is served from the authenticator's cache).
 */
export interface RestCaller {
  app: FastifyInstance;
  request: FastifyRequest;
}

/** Request headers that say who is calling and on whose behalf: forwarded as they came. */
const FORWARDED = ['authorization', ACTING_USER_HEADER, 'x-dockside-user'] as const;

export interface RestCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  query?: Record<string, string | string[] | number | undefined>;
  body?: unknown;
  /** If-Match: the order version the caller read. */
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
}

export async function callRest<T = unknown>(caller: RestCaller, call: RestCall): Promise<T> {
  const headers: Record<string, string> = { 'x-request-id': caller.request.id };
  for (const name of FORWARDED) {
    const value = caller.request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (call.expectedVersion !== undefined && call.expectedVersion !== null) headers['if-match'] = etagOf(call.expectedVersion);
  if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query[k] = typeof v === 'number' ? String(v) : v;
  const res = await caller.app.inject({
    method: call.method,
    url: call.url,
    query,
    headers,
    ...(call.body === undefined ? {} : { payload: call.body as object }),
  });
  const body = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : null;
  if (res.statusCode >= 400) throw problemAsGraphQLError(res.statusCode, body);
  return body as T;
}

/** A REST problem+json as a GraphQL error: its message the problem's detail, its code in extensions.code, its extras beside. */
export function problemAsGraphQLError(status: number, problem: Record<string, unknown> | null): GraphQLError {
  const { type: _type, title, status: _status, code, detail, instance: _instance, ...extra } = problem ?? {};
  const message = typeof detail === 'string' ? detail : typeof title === 'string' ? title : `HTTP ${status}`;
  return new graphqlJs.GraphQLError(message, {
    extensions: { code: typeof code === 'string' ? code : 'internal_error', status, ...extra },
  });
}

export function problemError(p: Problem): GraphQLError {
  return problemAsGraphQLError(p.status, { code: p.code, title: p.title, detail: p.detail, ...p.extra });
}

/**
 * Arguments GraphQL got as null are left out of the REST body: null there means "not given", as
 * an absent argument. Shallow: a JSON value (metadata) keeps its nulls; nested inputs are passed
 * through it one by one.
 */
export function present<T extends Record<string, unknown>>(args: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== null && v !== undefined) out[k] = v;
  return out as Partial<T>;
}
