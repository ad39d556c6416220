import type { DocumentNode, FragmentDefinitionNode, SelectionSetNode, ValueNode } from 'graphql';
import { graphqlJs } from './graphql-js';

const { Kind } = graphqlJs;

/** Deeper than this is refused (mercurius queryDepth); FulfillmentOrder.order makes the schema recursive. */
export const MAX_QUERY_DEPTH = 8;
/** What one request may cost (see costOf); a full page of 200 orders with their lines, payments and fulfillment is about 10,000. */
export const MAX_QUERY_COST = 20_000;

/** Fields answered by a REST dispatch of their own: each is a request, so it costs as much as ten fields. */
const DISPATCHED = new Set([
  'orders',
  'order',
  'orderByNumber',
  'orderStats',
  'myOrders',
  'payments',
  'timeline',
  'createOrder',
  'confirmOrder',
  'cancelOrder',
  'updateOrderStatus',
  'refundOrder',
  'quoteOrderChange',
  'applyOrderQuote',
  'invoices',
]);
const DISPATCH_COST = 10;
/** List fields whose size an argument sets: their selections are paid once per item (the REST default when not given). */
const LIST_SIZE: Record<string, { arg: string; default: number; max: number }> = {
  orders: { arg: 'first', default: 50, max: 200 },
  myOrders: { arg: 'first', default: 20, max: 100 },
  timeline: { arg: 'limit', default: 100, max: 500 },
};

/**
 * The estimated cost of a request: every field 1, a dispatched field 10, and a sized list's
 * selections times its size. Aliases are fields too, so a query repeating an expensive field
 * under a hundred names pays for each. Computed on the parsed document before it runs.
 */
export function costOf(document: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const visiting = new Set<string>();

  const sizeOf = (value: ValueNode | undefined, size: (typeof LIST_SIZE)[string]): number => {
    let n: unknown = size.default;
    if (value?.kind === Kind.INT) n = Number(value.value);
    else if (value?.kind === Kind.VARIABLE) n = variables?.[value.name.value] ?? size.default;
    // Out of range is refused by REST; counted at the most it could mean.
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= size.max ? n : size.max;
  };

  const costOfSet = (set: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) total += costOfSet(s.selectionSet);
      else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const name = s.name.value;
        // A cycle is invalid GraphQL (validation refuses it); it must not loop here first.
        if (visiting.has(name)) return Infinity;
        visiting.add(name);
        total += costOfSet(fragments.get(name)?.selectionSet);
        visiting.delete(name);
      } else {
        const name = s.name.value;
        const size = LIST_SIZE[name];
        const items = size ? sizeOf(s.arguments?.find((a) => a.name.value === size.arg)?.value, size) : 1;
        total += (DISPATCHED.has(name) ? DISPATCH_COST : 1) + items * costOfSet(s.selectionSet);
      }
    }
    return total;
  };
  return costOfSet(operation.selectionSet);
}
