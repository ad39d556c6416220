import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreateCarrierAccountRequest,
  PutShippingRulesRequest,
  StationCarrierConfig,
  TrackingBlock,
  TrackingBlockRequest,
  UpdateCarrierAccountRequest,
} from '../../shared/carriers/carrier-config';
import { requireWarehouse } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { IdParams, uuidNamed } from '../http/params';
import type { RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { secretsAreSealed } from '../webhooks/secret-box';
import { carrierLabelRoutes } from './carrier-label-routes';
import {
  allocateTrackingBlock,
  createCarrierAccount,
  getCarrierAccount,
  listCarrierAccounts,
  readShippingRules,
  replaceShippingRules,
  stationCarrierConfig,
  updateCarrierAccount,
} from './carrier-store';

const TAG = ['Carriers'];
const MANAGERS = { roles: ['supervisor'], scope: 'warehouse' } as const;
const ADMIN = { roles: ['admin'], scope: 'warehouse' } as const;
const STATION = { roles: ['station'], scope: 'station' } as const;
const WarehouseParams = z.object({ warehouseId: uuidNamed('warehouseId') });
const ListQuery = z.object({ warehouseId: uuidNamed('warehouseId').optional() }).strict();
const account = { description: 'the carrier account (credentials only by name)' };

/** Carrier accounts and services, shipping rules per warehouse, and what stations fetch to ship offline. */
export function carrierRoutes(app: FastifyInstance, ctx: RouteContext): void {
  accountRoutes(app, ctx);
  ruleAndStationRoutes(app, ctx);
  carrierLabelRoutes(app, ctx);
}

function accountRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;
  const secretKey = ctx.config.webhooks.secretKey;
  const storage = () => (secretsAreSealed(secretKey) ? 'sealed' : 'plain');

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/carrier-accounts',
      operationId: 'createCarrierAccount',
      tags: TAG,
      ...ADMIN,
      body: CreateCarrierAccountRequest,
      summary:
        'Configure a carrier account for a warehouse: carrier, shipper number or mailer id, services, label format, credentials (sealed)',
      responses: answers('POST', account, { status: 201, refusals: 'carrier_account_exists, warehouse_unknown' }),
    },
    async ({ reply, principal, body }) => {
      requireWarehouse(principal, body.warehouseId);
      const created = await db.transaction((tx) => createCarrierAccount(tx, body, secretKey));
      return reply
        .status(201)
        .header('location', `/v1/carrier-accounts/${created.id}`)
        .send({ ...created, credentialStorage: storage() });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/carrier-accounts',
      operationId: 'listCarrierAccounts',
      tags: TAG,
      ...MANAGERS,
      query: ListQuery,
      summary: 'Carrier accounts of a warehouse (a caller bound to a warehouse sees only its own)',
      responses: answers('GET', { description: 'carrier accounts' }),
    },
    async ({ principal, query }) => {
      if (query.warehouseId) requireWarehouse(principal, query.warehouseId);
      return { data: await listCarrierAccounts(db, principal.warehouseId ?? query.warehouseId ?? null) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/carrier-accounts/:id',
      operationId: 'getCarrierAccount',
      tags: TAG,
      ...MANAGERS,
      params: IdParams,
      summary: 'A carrier account',
      responses: answers('GET', account),
    },
    async ({ principal, params }) => {
      const found = await getCarrierAccount(db, params.id);
      requireWarehouse(principal, found.warehouseId);
      return found;
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/carrier-accounts/:id',
      operationId: 'updateCarrierAccount',
      tags: TAG,
      ...ADMIN,
      params: IdParams,
      body: UpdateCarrierAccountRequest,
      summary: "Change an account's name, services, label format, credentials, block size or low-water mark, or switch it off",
      responses: answers('PATCH', account, { refusals: 'service_in_use, low_water_too_high' }),
    },
    async ({ principal, params, body }) => {
      const updated = await db.transaction((tx) =>
        updateCarrierAccount(tx, params.id, body, secretKey, (warehouseId) => requireWarehouse(principal, warehouseId)),
      );
      return { ...updated, credentialStorage: storage() };
    },
  );
}

/** Shipping rules, and what a station fetches: its warehouse's carrier config and tracking-number blocks. */
function ruleAndStationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/warehouses/:warehouseId/shipping-rules',
      operationId: 'getShippingRules',
      tags: TAG,
      ...MANAGERS,
      params: WarehouseParams,
      summary: "A warehouse's shipping rules, first match wins",
      responses: answers('GET', { description: 'the rules in order' }),
    },
    async ({ principal, params }) => {
      requireWarehouse(principal, params.warehouseId);
      return { rules: await readShippingRules(db, params.warehouseId) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/warehouses/:warehouseId/shipping-rules',
      operationId: 'setShippingRules',
      tags: TAG,
      ...MANAGERS,
      params: WarehouseParams,
      body: PutShippingRulesRequest,
      summary:
        "Replace a warehouse's shipping rules: each matches on weight, destination country/region, channel and order value and names a carrier service",
      responses: answers('PUT', { description: 'the rules in order' }, { refusals: 'rule_service_unknown' }),
    },
    async ({ principal, params, body }) => {
      requireWarehouse(principal, params.warehouseId);
      return { rules: await db.transaction((tx) => replaceShippingRules(tx, params.warehouseId, body)) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/sync/carriers',
      operationId: 'syncCarriers',
      tags: ['Replication'],
      ...STATION,
      summary: "The station's warehouse's active carrier accounts and services (no credentials) and shipping rules, to ship offline",
      responses: answers('GET', { description: 'accounts and rules', schema: StationCarrierConfig }),
    },
    async ({ principal }) => stationCarrierConfig(db, principal.warehouseId),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/tracking-blocks',
      operationId: 'allocateTrackingBlock',
      tags: ['Replication'],
      ...STATION,
      body: TrackingBlockRequest,
      summary: "The next block of an account's tracking-number serials, this station's alone; no serial is ever handed out twice",
      responses: answers(
        'POST',
        { description: 'the block', schema: TrackingBlock },
        { status: 201, refusals: 'carrier_account_inactive, tracking_numbers_exhausted' },
      ),
    },
    async ({ reply, principal, body }) => {
      const block = await db.transaction((tx) => allocateTrackingBlock(tx, principal.id, principal.warehouseId, body.accountId));
      return reply.status(201).send(block);
    },
  );
}
