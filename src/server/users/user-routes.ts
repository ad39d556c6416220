import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SyncedUserList } from '../../shared/sync/synced-users';
import { defineRoute } from '../http/define-route';
import { answers } from '../openapi/responses';
import type { RouteContext } from '../http/route-context';
import {
  CreateUserRequest,
  ListUsersQuery,
  UpdateUserRequest,
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  updateUser,
  usersForStation,
} from './users';

const TAG = ['Users'];
const UserParams = z.object({ id: z.string().uuid('user ids are UUIDs') });
const user = { description: 'the user (never the PIN or badge)' };

/** People: the users who sign in at stations, and the hashed list stations sign them in from, offline too. */
export function userRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/users',
      operationId: 'createUser',
      tags: TAG,
      roles: ['admin'],
      scope: 'warehouse',
      body: CreateUserRequest,
      summary: 'Add a person with their role, warehouse, PIN and optional badge',
      responses: answers('POST', user, { status: 201, refusals: 'badge_taken' }),
    },
    async ({ reply, principal, body }) => {
      const created = await createUser(db, principal, body);
      return reply.status(201).header('location', `/v1/users/${created.id}`).send(created);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/users',
      operationId: 'listUsers',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      query: ListUsersQuery,
      summary: 'People, by warehouse, role and whether active',
      responses: answers('GET', { description: 'users' }),
    },
    async ({ principal, query }) => ({ data: await listUsers(db, principal, query) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/users/:id',
      operationId: 'getUser',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'warehouse',
      params: UserParams,
      summary: 'A person',
      responses: answers('GET', user),
    },
    async ({ principal, params }) => getUser(db, principal, params.id),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/users/:id',
      operationId: 'updateUser',
      tags: TAG,
      roles: ['admin'],
      scope: 'warehouse',
      params: UserParams,
      body: UpdateUserRequest,
      summary: "Change a person's name, role, warehouse, PIN or badge, or (re)activate them",
      responses: answers('PATCH', user, { refusals: 'badge_taken, warehouse_required' }),
    },
    async ({ principal, params, body }) => updateUser(db, principal, params.id, body),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'DELETE',
      url: '/v1/users/:id',
      operationId: 'deactivateUser',
      tags: TAG,
      roles: ['admin'],
      scope: 'warehouse',
      params: UserParams,
      summary: 'Deactivate a person (never deleted: the timeline still names them)',
      responses: answers('DELETE', user),
    },
    async ({ principal, params }) => deactivateUser(db, principal, params.id),
  );

  // The list a station signs people in from, offline too. Scoped by the station's credential.
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/sync/users',
      operationId: 'syncUsers',
      tags: TAG,
      roles: ['station'],
      scope: 'station',
      summary: "The sign-in list of the station's warehouse: hashed PINs and badges (answers 304 to If-None-Match)",
      responses: {
        ...answers('GET', {
          description: 'the list and how to check a PIN or badge against it',
          schema: SyncedUserList,
          headers: ['ETag'],
        }),
        304: { description: 'not modified' },
      },
    },
    async ({ request, reply, principal }) => {
      const list = await usersForStation(db, principal.warehouseId);
      const etag = `"${list.etag}"`;
      reply.header('etag', etag).header('cache-control', 'no-store');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return list;
    },
  );
}
