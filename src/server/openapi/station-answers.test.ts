import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BackorderChanged, BackorderView } from '../../shared/api/fulfillment';
import { listOf } from '../../shared/api/list-page';
import { CancelledOrder, OrderCancelPreview } from '../../shared/api/order-commands';
import { SsccBlock } from '../../shared/api/sscc-blocks';
import { StationList, WarehouseList } from '../../shared/api/stations';
import { RelabelledPackage, TaskView } from '../../shared/api/tasks';
import { TimelineEventView } from '../../shared/api/timeline';
import { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { GrantedLease, RenewLeasesResponse, TakeLeasesResponse } from '../../shared/sync/lease-protocol';
import { AnyPullResponse, PULL_RESPONSES, PushResponse, SyncHello } from '../../shared/sync/sync-protocol';
import { SyncedUserList } from '../../shared/sync/synced-users';
import { startTestServer, type TestServer } from '../testing/test-server';
import { documentedOperations, type OperationSpec } from './catalog';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The schema a route documents for its success answer. */
function documented(method: string, url: string): z.ZodType {
  const op = documentedOperations(t.server.app).find((o: OperationSpec) => o.method === method && o.url === url);
  expect(op, `${method} ${url} is declared`).toBeDefined();
  const [, ok] = Object.entries(op!.responses).find(([status]) => Number(status) < 300)!;
  expect(ok.schema, `${method} ${url} documents its answer`).toBeDefined();
  return ok.schema!;
}

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/**
 * What the station reads each server answer with (src/main/services: server-link, supervisor-desk,
 * station-leases, station-people). The OpenAPI document is generated from the route's declared
 * schema, so if the two are the same, the document and the station's parser cannot drift apart.
 */
const STATION_READS: [method: string, url: string, schema: z.ZodType][] = [
  ['GET', '/v1/sync/hello', SyncHello],
  ['POST', '/v1/sync/push', PushResponse],
  ['GET', '/v1/sync/users', SyncedUserList],
  ['POST', '/v1/sync/sscc-blocks', SsccBlock],
  ['POST', '/v1/sync/leases/claim', GrantedLease],
  ['POST', '/v1/sync/leases/take', TakeLeasesResponse],
  ['POST', '/v1/sync/leases/renew', RenewLeasesResponse],
  ['GET', '/v1/backorders', listOf(BackorderView)],
  ['POST', '/v1/backorders/:id/reassign', BackorderChanged],
  ['POST', '/v1/backorders/:id/cancel', BackorderChanged],
  ['GET', '/v1/orders/:id/cancel-preview', OrderCancelPreview],
  ['POST', '/v1/backorders/:id/move', BackorderView],
  ['GET', '/v1/fulfillment-orders', listOf(FulfillmentDocument)],
  ['POST', '/v1/fulfillment-orders/:id/hold', FulfillmentDocument],
  ['POST', '/v1/fulfillment-orders/:id/release', FulfillmentDocument],
  ['POST', '/v1/fulfillment-orders/:id/move', FulfillmentDocument],
  ['POST', '/v1/fulfillment-orders/:id/unclaim', FulfillmentDocument],
  ['PATCH', '/v1/orders/tasks/:taskId', TaskView],
  ['POST', '/v1/orders/tasks/:taskId/relabel-package', RelabelledPackage],
  ['GET', '/v1/stations', StationList],
  ['GET', '/v1/warehouses', WarehouseList],
];

describe('the answers a station reads are documented with the schemas it reads them with', () => {
  it.each(STATION_READS)('%s %s', (method, url, schema) => {
    expect(json(documented(method, url))).toEqual(json(schema));
  });

  it('documents a pull as any synced collection, each with the schema the station reads it with', () => {
    const pull = documented('POST', '/v1/sync/pull');
    expect(pull).toBe(AnyPullResponse);
    expect(AnyPullResponse.options).toEqual([PULL_RESPONSES.fulfillment_orders, PULL_RESPONSES.returns, PULL_RESPONSES.bins]);
  });

  it('documents the pages of tasks and timeline events with the item schemas the station reads', () => {
    const itemOf = (s: z.ZodType) => ((s as z.ZodObject).shape.data as z.ZodArray).element;
    expect(itemOf(documented('GET', '/v1/orders/tasks'))).toBe(TaskView);
    expect(itemOf(documented('GET', '/v1/orders/:id/timeline'))).toBe(TimelineEventView);
  });

  it('documents the fields of a cancelled order the station reads with the schemas it reads them with', () => {
    const order = documented('POST', '/v1/orders/:id/cancel') as z.ZodObject;
    for (const [field, schema] of Object.entries(CancelledOrder.shape)) expect(json(order.shape[field]!), field).toEqual(json(schema));
  });

  it('would catch a drift: a field the station does not read differs', () => {
    expect(json(SyncHello.extend({ serverTime: z.number() }))).not.toEqual(json(documented('GET', '/v1/sync/hello')));
  });
});
