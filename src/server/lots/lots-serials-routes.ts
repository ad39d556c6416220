import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PackedSerialList, SetSkuTrackingRequest, SkuTrackingView } from '../../shared/api/lots-serials';
import { TrackingText } from '../../shared/domain/unit-tracking';
import { defineRoute } from '../http/define-route';
import { sku } from '../http/params';
import type { RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { packedSerialsNamed } from './packed-unit-store';
import { setSkuTracking } from './set-sku-tracking';
import { getSkuTracking } from './sku-tracking-store';

const TAG = ['Lots and serials'];
const SkuParams = z.object({ sku: sku() });
const SerialParams = z.object({ serial: TrackingText });

/**
 * The per-SKU tracking flag (none / lot / serial), which stations receive on the fulfillment lines
 * they replicate, and where a serial number was packed (returns and support).
 */
export function lotsSerialsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/skus/:sku/tracking',
      operationId: 'getSkuTracking',
      tags: TAG,
      roles: ['supervisor', 'packer', 'returns', 'integrator', 'station'],
      scope: 'global',
      params: SkuParams,
      summary: "A SKU's tracking flag: whether each unit's lot (with expiry) or serial number is captured at packing",
      responses: answers('GET', { description: 'the flag', schema: SkuTrackingView }),
    },
    async ({ params }) => getSkuTracking(db, params.sku),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/skus/:sku/tracking',
      operationId: 'setSkuTracking',
      tags: TAG,
      // A SKU is the same in every warehouse: only a credential not bound to one may change its flag.
      roles: ['supervisor', 'integrator'],
      scope: 'unbound',
      params: SkuParams,
      body: SetSkuTrackingRequest,
      summary: "Set a SKU's tracking flag; fulfillment orders still being worked get it at once, and their stations with them",
      responses: answers('PUT', { description: 'the flag, and how many fulfillment orders were stamped with it', schema: SkuTrackingView }),
    },
    async ({ params, body }) => {
      const { flag, restamped } = await db.transaction((tx) => setSkuTracking(tx, params.sku, body.tracking));
      return { ...flag, restamped };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/serials/:serial',
      operationId: 'findPackedSerial',
      tags: TAG,
      roles: ['supervisor', 'returns', 'integrator', 'station'],
      scope: 'warehouse',
      params: SerialParams,
      summary: 'Where a serial number was packed: the package and order, per SKU that has it (a bound credential sees its warehouse only)',
      responses: answers('GET', { description: 'the packages holding it (empty: never packed)', schema: PackedSerialList }),
    },
    async ({ principal, params }) => {
      const all = await packedSerialsNamed(db, params.serial);
      return { data: principal.warehouseId ? all.filter((p) => p.warehouseId === principal.warehouseId) : all };
    },
  );
}
