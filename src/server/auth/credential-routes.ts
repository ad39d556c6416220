import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../http/define-route';
import { IdParams } from '../http/params';
import type { RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { ReissueEnrollmentRequest, reissueEnrollmentCode, revokeStation, rotateStationCredential } from '../stations/station-credentials';
import { revokeApiKey, rotateApiKey } from './api-keys';

const TAG = ['Administration'];

/**
 * Revoking and rotating credentials (admin). Each takes effect on every server process within a
 * moment: the change is announced through the change hub, caches drop the credential, and a
 * revoked station's live stream is closed.
 */
export function credentialRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db, changes } = ctx;
  /** Committed: this process stops honouring the old credential before it answers (others follow on the notice). */
  const changed = <T>(kind: 'station' | 'api-key', id: string, result: T): T => {
    changes.credentialChangedHere({ kind, id });
    return result;
  };

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/stations/:id/revoke',
      operationId: 'revokeStation',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: IdParams,
      summary:
        'Revoke a station (admin): its credential is refused with credential_revoked and its live stream closes; it keeps its unsent events',
      responses: answers('POST', { description: 'the station and when it was revoked (revoking twice keeps the first time)' }),
    },
    async ({ params }) => changed('station', params.id, await revokeStation(db, params.id)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/stations/:id/rotate',
      operationId: 'rotateStationCredential',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: IdParams,
      summary:
        "Replace an enrolled station's credential (admin): the new one is shown once, the old one is refused with credential_revoked",
      responses: answers(
        'POST',
        { description: 'the new station credential (shown once)' },
        { refusals: 'station_revoked, station_not_enrolled' },
      ),
    },
    async ({ params }) => changed('station', params.id, await rotateStationCredential(db, params.id)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/stations/:id/enrollment-code',
      operationId: 'reissueEnrollmentCode',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: IdParams,
      body: ReissueEnrollmentRequest,
      bodyOptional: true,
      summary:
        'A new one-time enrollment code for an existing station (admin): enrolling with it re-enrols the station (a revoked one too) under the same id',
      responses: answers('POST', { description: 'the station and its new enrollment code' }, { status: 201 }),
    },
    async ({ reply, params, body }) => reply.status(201).send(await reissueEnrollmentCode(db, params.id, body)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/api-keys/:id/revoke',
      operationId: 'revokeApiKey',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: IdParams,
      summary: 'Revoke an API key (admin): it is refused with credential_revoked',
      responses: answers('POST', { description: 'the key and when it was revoked' }),
    },
    async ({ params }) => changed('api-key', params.id, await revokeApiKey(db, params.id)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/api-keys/:id/rotate',
      operationId: 'rotateApiKey',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: IdParams,
      summary: 'A new secret for an API key (admin), shown once; the old secret is refused with credential_revoked',
      responses: answers('POST', { description: 'the key with its new secret (shown once)' }, { refusals: 'api_key_revoked' }),
    },
    async ({ params }) => changed('api-key', params.id, await rotateApiKey(db, params.id)),
  );
}
