import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DocumentNode, GraphQLError, GraphQLFormattedError } from 'graphql';
import { graphqlJs } from './graphql-js';
import mercurius from 'mercurius';
import { z } from 'zod';
import { ANY_ROLE } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import type { RouteContext } from '../http/route-context';
import { commonErrors } from '../orders/routes/route-kit';
import { MAX_QUERY_COST, MAX_QUERY_DEPTH, costOf } from './query-cost';
import { resolvers } from './resolvers';
import { ORDERS_SDL } from './schema';

const { parse, printSchema } = graphqlJs;

const TAG = ['GraphQL'];
/** A request is a query document, not a data upload: past this many tokens it is refused before it is parsed whole. */
const MAX_TOKENS = 5000;

const GraphQLRequest = z.object({
  query: z.string().min(1).max(100_000),
  variables: z.record(z.string(), z.unknown()).nullable().optional(),
  operationName: z.string().max(200).nullable().optional(),
});

type GraphQLErrorJson = GraphQLFormattedError & { extensions: Record<string, unknown> };

const GraphQLResponse = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z.object({ code: z.string().describe("the REST problem's code, or a GraphQL one (query_too_deep...)") }).loose(),
      }),
    )
    .optional(),
});

/**
 * POST /graphql (queries and mutations on orders, mercurius) and GET /graphql/schema (the SDL).
 * mercurius registers no route of its own (routes: false): the endpoint is declared like every
 * other route, so a caller without a credential gets the same 401 before anything is parsed.
 * Which fields a caller may read or write is then decided field by field by the REST route each
 * resolver dispatches to (rest-dispatch.ts).
 */
export function graphqlRoutes(app: FastifyInstance, ctx: RouteContext) {
  void app.register(mercurius, {
    schema: ORDERS_SDL,
    resolvers: resolvers as never,
    routes: false,
    graphiql: false,
    queryDepth: MAX_QUERY_DEPTH,
    errorFormatter: (execution, context) => ({
      statusCode: 200,
      response: { data: execution.data ?? null, errors: (execution.errors ?? []).map((e) => errorJson(e, context.app)) },
    }),
  });

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/graphql',
      operationId: 'graphql',
      tags: TAG,
      // Customer keys too: they reach myOrders (every other field's REST route refuses them).
      roles: [...ANY_ROLE, 'customer'],
      scope: 'warehouse',
      body: GraphQLRequest,
      summary:
        'GraphQL: orders, order, orderByNumber, orderStats, myOrders; createOrder, confirmOrder, cancelOrder, updateOrderStatus, refundOrder',
      description: `The schema is at GET /graphql/schema. Each field is answered by the REST route of the same meaning, with your credential: the same roles, warehouse scope, validation, Idempotency-Key and If-Match (expectedVersion), and the REST problem's code in errors[].extensions.code (with its HTTP status in extensions.status). A GraphQL error answers 200 with errors; a query nested deeper than ${MAX_QUERY_DEPTH} is refused with query_too_deep, one costing more than ${MAX_QUERY_COST} (every field 1, a field read through its own REST call 10, a list's selections times its size) with query_too_costly.`,
      responses: { 200: { description: 'the GraphQL result: data and/or errors', schema: GraphQLResponse }, ...commonErrors },
    },
    async ({ request, body }) => execute(app, request, body),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/graphql/schema',
      operationId: 'graphqlSchema',
      tags: TAG,
      roles: [],
      summary: 'The GraphQL schema (SDL), with a description on every type and field',
      responses: { 200: { description: 'GraphQL SDL', contentType: 'text/plain' } },
    },
    async ({ reply }) => reply.type('text/plain; charset=utf-8').send(printSchema(app.graphql.schema)),
  );
}

async function execute(app: FastifyInstance, request: FastifyRequest, body: z.output<typeof GraphQLRequest>) {
  let document: DocumentNode;
  try {
    document = parse(body.query, { maxTokens: MAX_TOKENS });
  } catch (e) {
    return { data: null, errors: [errorJson(e as GraphQLError, app, 'graphql_parse_failed')] };
  }
  const cost = costOf(document, body.operationName, body.variables);
  if (cost > MAX_QUERY_COST) {
    const message = `this query costs ${Number.isFinite(cost) ? cost : 'without bound'}, more than ${MAX_QUERY_COST}: ask for fewer orders (first) or fewer fields that are read one order at a time (payments, timeline, fulfillmentOrders.order)`;
    return { data: null, errors: [{ message, extensions: { code: 'query_too_costly', cost, maxCost: MAX_QUERY_COST } }] };
  }
  try {
    return await app.graphql(body.query, { request } as never, body.variables ?? undefined, body.operationName ?? undefined);
  } catch (e) {
    // Refused before running: mercurius gathers what it found (invalid document or variables, too deep).
    const refused = e as { code?: string; errors?: GraphQLError[] };
    if (refused.code !== 'MER_ERR_GQL_VALIDATION' || !refused.errors) throw e;
    return {
      data: null,
      errors: refused.errors.map((err) =>
        errorJson(err, app, (err as { code?: string }).code === 'MER_ERR_GQL_QUERY_DEPTH' ? 'query_too_deep' : 'graphql_validation_failed'),
      ),
    };
  }
}

/**
 * An error as GraphQL answers it, always with extensions.code: a REST refusal keeps its problem
 * code (rest-dispatch.ts); GraphQL's own refusals get the code given; anything unexpected is
 * logged and answered as internal_error without its message.
 */
function errorJson(error: GraphQLError | Error, app: FastifyInstance, code = 'validation_failed'): GraphQLErrorJson {
  const gql = error instanceof graphqlJs.GraphQLError ? error : null;
  const original = gql?.originalError;
  const json: GraphQLErrorJson = {
    message: error.message,
    ...(gql?.locations ? { locations: gql.locations } : {}),
    ...(gql?.path ? { path: gql.path } : {}),
    extensions: { ...gql?.extensions },
  };
  if (original instanceof graphqlJs.GraphQLError) json.extensions = { ...original.extensions };
  if (typeof json.extensions.code === 'string') return json;
  // A scalar refusing a value is bad input (a TypeError from resolvers.ts), not a server fault.
  if (original && !(original instanceof TypeError)) {
    app.log.error({ err: original }, 'graphql resolver failed');
    return { ...json, message: 'the server failed on this field', extensions: { code: 'internal_error', status: 500 } };
  }
  return { ...json, extensions: { code } };
}
