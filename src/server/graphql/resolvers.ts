import type { FieldNode, GraphQLResolveInfo, SelectionSetNode, ValueNode } from 'graphql';
import { graphqlJs } from './graphql-js';
import { MAX_MONEY_MINOR } from '../../shared/domain/money';
import { problems } from '../http/problem';
import { callRest, present, problemError, type RestCaller } from './rest-dispatch';

const { GraphQLScalarType, Kind } = graphqlJs;

/** Every resolver reads and writes through the REST routes (rest-dispatch.ts says why): none holds a business rule. */
type Ctx = RestCaller;
type Maybe<T> = T | null | undefined;
/** An input object as graphql-js hands it over, already checked against the schema's types. */
type Input = Record<string, unknown>;
type Filter = Partial<Record<string, string | string[] | number | null>>;
interface ListArgs {
  filter?: Maybe<Filter>;
  sort?: Maybe<string>;
  first?: Maybe<number>;
  after?: Maybe<string>;
  page?: Maybe<number>;
  statusVocabulary?: Maybe<string>;
}
interface ReadArgs {
  id: string;
  number: string;
  statusVocabulary?: Maybe<string>;
}
interface StatsArgs {
  from?: Maybe<string>;
  to?: Maybe<string>;
  channel?: Maybe<string[]>;
  warehouse?: Maybe<string>;
  statusVocabulary?: Maybe<string>;
}
interface CommandArgs {
  id: string;
  expectedVersion?: Maybe<number>;
  idempotencyKey?: Maybe<string>;
  [argument: string]: unknown;
}
interface CreateInput extends Input {
  customer: Input;
  shippingAddress: Input;
  billingAddress?: Maybe<Input>;
  lines: Input[];
  payment?: Maybe<Input>;
}
/** What REST answers, as far as the resolvers look into it (the rest goes to GraphQL as it came). */
interface OrderJson {
  id: string;
  lineCount?: number;
  lines?: unknown[];
  fulfillmentOrders?: unknown[];
  [field: string]: unknown;
}

const SORTS: Record<string, string> = {
  CREATED_AT_ASC: 'created_at',
  CREATED_AT_DESC: '-created_at',
  UPDATED_AT_ASC: 'updated_at',
  UPDATED_AT_DESC: '-updated_at',
  TOTAL_ASC: 'total',
  TOTAL_DESC: '-total',
  NUMBER_ASC: 'number',
  NUMBER_DESC: '-number',
};

const orderUrl = (id: string) => `/v1/orders/${encodeURIComponent(id)}`;

/** The list answers summaries; the order's lines and fulfillment orders come along only when the query selects them. */
function expansionsFor(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        names.add(s.name.value);
        if (s.name.value === 'nodes') walk(s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        walk(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes as FieldNode[]) walk(node.selectionSet);
  return [...(names.has('lines') ? ['lines'] : []), ...(names.has('fulfillmentOrders') ? ['fulfillment_orders'] : [])];
}

function listQuery(args: ListArgs, expand: string[]) {
  const f: Filter = args.filter ?? {};
  return {
    status: f.status ?? undefined,
    payment_status: f.paymentStatus ?? undefined,
    fulfillment_status: f.fulfillmentStatus ?? undefined,
    customer_id: f.customerId ?? undefined,
    customer: f.customer ?? undefined,
    channel: f.channel ?? undefined,
    warehouse: f.warehouse ?? undefined,
    currency: f.currency ?? undefined,
    from: f.from ?? undefined,
    to: f.to ?? undefined,
    date_field: f.dateField ?? undefined,
    min_total: f.minTotal ?? undefined,
    max_total: f.maxTotal ?? undefined,
    q: f.q ?? undefined,
    number: f.number ?? undefined,
    sort: SORTS[args.sort ?? 'CREATED_AT_DESC'],
    limit: args.first ?? undefined,
    cursor: args.after ?? undefined,
    page: args.page ?? undefined,
    status_vocabulary: args.statusVocabulary ?? undefined,
    expand: expand.length ? expand.join(',') : undefined,
  };
}

const readOrder = (ctx: Ctx, id: string, statusVocabulary?: string | null) =>
  callRest<OrderJson>(ctx, { method: 'GET', url: orderUrl(id), query: { status_vocabulary: statusVocabulary ?? undefined } });

/** A command mutation: the REST command route with the caller's If-Match and Idempotency-Key. */
const command = (ctx: Ctx, id: string, action: string, body: object, args: CommandArgs) =>
  callRest<OrderJson>(ctx, {
    method: 'POST',
    url: `${orderUrl(id)}/${action}`,
    body,
    expectedVersion: args.expectedVersion,
    idempotencyKey: args.idempotencyKey,
  });

/** Integers up to MAX_MONEY_MINOR (10^13): GraphQL's Int stops at 2^31. */
const MinorUnits = new GraphQLScalarType({
  name: 'MinorUnits',
  description: 'An integer amount in minor units, up to 10^13.',
  serialize: (v) => checkMinor(v),
  parseValue: (v) => checkMinor(v),
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.INT) throw new TypeError('MinorUnits is an integer');
    return checkMinor(Number(node.value));
  },
});

function checkMinor(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > MAX_MONEY_MINOR)
    throw new TypeError(`MinorUnits is an integer of at most ${MAX_MONEY_MINOR}`);
  return v;
}

/** Free-form JSON as REST answers and takes it; REST's schemas validate what comes in. */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: function literal(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
    switch (node.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return node.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return node.values.map((v) => literal(v, variables));
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
      case Kind.VARIABLE:
        return variables?.[node.name.value];
      default:
        throw new TypeError('not a JSON value');
    }
  },
});

function createOrderBody(input: CreateInput) {
  return present({
    ...input,
    customer: present(input.customer),
    shippingAddress: present(input.shippingAddress),
    billingAddress: input.billingAddress ? present(input.billingAddress) : undefined,
    lines: input.lines.map((l) => present(l)),
    payment: input.payment ? present(input.payment) : undefined,
  });
}

type Page = { data: OrderJson[]; pagination: unknown };

export const resolvers = {
  MinorUnits,
  JSON: JSONScalar,
  Query: {
    async orders(_: unknown, args: ListArgs, ctx: Ctx, info: GraphQLResolveInfo) {
      const page = await callRest<Page>(ctx, { method: 'GET', url: '/v1/orders', query: listQuery(args, expansionsFor(info)) });
      return { nodes: page.data, pageInfo: page.pagination };
    },
    order: (_: unknown, args: ReadArgs, ctx: Ctx) => readOrder(ctx, args.id, args.statusVocabulary),
    async orderByNumber(_: unknown, args: ReadArgs, ctx: Ctx) {
      const page = await callRest<Page>(ctx, {
        method: 'GET',
        url: '/v1/orders',
        query: { number: args.number, limit: 1, status_vocabulary: args.statusVocabulary ?? undefined },
      });
      const found = page.data[0];
      // What GET /v1/orders/{id} answers for an order the caller cannot see: REST has no by-number read to ask.
      if (!found) throw problemError(problems.notFound(`order ${args.number}`));
      return readOrder(ctx, found.id, args.statusVocabulary);
    },
    async myOrders(_: unknown, args: ListArgs, ctx: Ctx) {
      const page = await callRest<Page>(ctx, {
        method: 'GET',
        url: '/v1/my/orders',
        query: { limit: args.first ?? undefined, cursor: args.after ?? undefined, status_vocabulary: args.statusVocabulary ?? undefined },
      });
      return { nodes: page.data, pageInfo: page.pagination };
    },
    async orderStats(_: unknown, args: StatsArgs, ctx: Ctx) {
      const stats = await callRest<{ countsByStatus: Record<string, number> }>(ctx, {
        method: 'GET',
        url: '/v1/orders/summary',
        query: {
          from: args.from ?? undefined,
          to: args.to ?? undefined,
          channel: args.channel ?? undefined,
          warehouse: args.warehouse ?? undefined,
          status_vocabulary: args.statusVocabulary ?? undefined,
        },
      });
      return { ...stats, countsByStatus: Object.entries(stats.countsByStatus).map(([status, count]) => ({ status, count })) };
    },
  },
  Mutation: {
    createOrder: (_: unknown, args: { input: CreateInput; idempotencyKey?: Maybe<string> }, ctx: Ctx) =>
      callRest<OrderJson>(ctx, {
        method: 'POST',
        url: '/v1/orders',
        body: createOrderBody(args.input),
        idempotencyKey: args.idempotencyKey,
      }),
    confirmOrder: (_: unknown, args: CommandArgs, ctx: Ctx) =>
      command(ctx, args.id, 'confirm', present({ reason: args.reason, overridePaymentCheck: args.overridePaymentCheck }), args),
    cancelOrder: (_: unknown, args: CommandArgs, ctx: Ctx) =>
      command(ctx, args.id, 'cancel', present({ reason: args.reason, restock: args.restock, refund: args.refund }), args),
    updateOrderStatus: (_: unknown, args: CommandArgs, ctx: Ctx) =>
      command(
        ctx,
        args.id,
        'status',
        present({ status: args.status, vocabulary: args.vocabulary, reason: args.reason, holdReasons: args.holdReasons }),
        args,
      ),
    async refundOrder(_: unknown, args: CommandArgs & { input: Input }, ctx: Ctx) {
      const { refund, ...order } = await command(ctx, args.id, 'refunds', present(args.input), args);
      return { order, refund };
    },
    quoteOrderChange: (_: unknown, args: CommandArgs & { input: Input }, ctx: Ctx) =>
      command(ctx, args.id, 'quote-change', present(args.input), args),
    async applyOrderQuote(_: unknown, args: CommandArgs & { quoteId: string }, ctx: Ctx) {
      const action = `apply-quote/${encodeURIComponent(args.quoteId)}`;
      const { quote, refund, ...order } = await command(ctx, args.id, action, present({ refund: args.refund, reason: args.reason }), args);
      return { order, quote, refund };
    },
  },
  Order: {
    lineCount: (o: OrderJson) => o.lineCount ?? o.lines?.length ?? 0,
    lines: async (o: OrderJson, _: unknown, ctx: Ctx) => o.lines ?? (await readOrder(ctx, o.id)).lines,
    fulfillmentOrders: async (o: OrderJson, _: unknown, ctx: Ctx) => o.fulfillmentOrders ?? (await readOrder(ctx, o.id)).fulfillmentOrders,
    payments: (o: OrderJson, _: unknown, ctx: Ctx) => callRest(ctx, { method: 'GET', url: `${orderUrl(o.id)}/payments` }),
    invoices: async (o: OrderJson, _: unknown, ctx: Ctx) =>
      (await callRest<{ data: unknown[] }>(ctx, { method: 'GET', url: `${orderUrl(o.id)}/invoices` })).data,
    timeline: async (o: OrderJson, args: { limit?: Maybe<number> }, ctx: Ctx) =>
      (
        await callRest<{ data: unknown[] }>(ctx, {
          method: 'GET',
          url: `${orderUrl(o.id)}/timeline`,
          query: { limit: args.limit ?? undefined },
        })
      ).data,
  },
  FulfillmentOrder: {
    order: (f: { orderId: string }, _: unknown, ctx: Ctx) => readOrder(ctx, f.orderId),
  },
};
