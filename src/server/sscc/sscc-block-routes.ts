import type { FastifyInstance } from 'fastify';
import { SsccBlock, SsccBlockRequest } from '../../shared/api/sscc-blocks';
import { defineRoute } from '../http/define-route';
import type { RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { allocateSsccBlock } from './sscc-block-store';

/** SSCC serial blocks: only a station's own credential asks, for itself (its labels are numbered from them). */
export function ssccBlockRoutes(app: FastifyInstance, ctx: RouteContext) {
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/sscc-blocks',
      operationId: 'allocateSsccBlock',
      tags: ['Replication'],
      roles: ['station'],
      scope: 'station',
      body: SsccBlockRequest,
      summary:
        "The next block of SSCC serial references of an extension digit and company prefix, this station's alone; no serial is ever handed out twice",
      responses: answers('POST', { description: 'the block', schema: SsccBlock }, { status: 201, refusals: 'sscc_numbers_exhausted' }),
    },
    async ({ reply, principal, body }) => {
      const block = await ctx.db.transaction((tx) => allocateSsccBlock(tx, principal.id, body));
      return reply.status(201).send(block);
    },
  );
}
