import Fastify, { type FastifyInstance } from 'fastify';
import { createAuthenticator } from './auth/principal';
import { createFailedAuthLimiter, type FailedAuthLimits } from './auth/failed-auth-limiter';
import { startBackgroundWork, type BackgroundWork } from './background/background-work';
import { bootstrapAdmin } from './auth/api-keys';
import type { ServerConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { trackRoutes } from './openapi/catalog';
import { Problem, problems, sendProblem } from './http/problem';
import { answerFrameworkError, installRequestGuards } from './http/request-guards';
import { createServerLogger, installRequestLogging, requestIdOf } from './http/logging';
import type { DestinationStream } from 'pino';
import { adminRoutes } from './routes/admin-routes';
import type { RouteContext } from './http/route-context';
import { orderRoutes } from './routes/order-routes';
import { syncRoutes } from './routes/sync-routes';
import { orderLifecycleRoutes } from './routes/order-lifecycle-routes';
import { fulfillmentReturnsRoutes } from './routes/fulfillment-returns-routes';
import { platformRoutes } from './routes/platform-routes';
import { createChangeHub } from './sync/change-hub';
import { credentialRoutes } from './auth/credential-routes';
import { graphqlRoutes } from './graphql/graphql-routes';
import { customerOrderRoutes } from './orders/routes/customer-order-routes';

export interface CentralServer {
  app: FastifyInstance;
  db: Database;
  context: RouteContext;
  close(): Promise<void>;
}

/** Builds the central order server on its database: migrations, bootstrap, routes, error mapping. */
export async function createCentralServer(
  config: ServerConfig,
  options: { db?: Database; logDestination?: DestinationStream; failedAuthLimits?: FailedAuthLimits } = {},
): Promise<CentralServer> {
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.pgPoolSize }));
  await migrate(db);
  await bootstrapAdmin(db, config.bootstrapToken);
  const changes = await createChangeHub(db);
  const auth = createAuthenticator(db, options.failedAuthLimits ? { limiter: createFailedAuthLimiter(options.failedAuthLimits) } : {});
  const stopForgetting = changes.onCredentialChange((c) => auth.forgetCredential(c));
  const context: RouteContext = { db, auth, changes, config };

  const app = Fastify({
    loggerInstance: createServerLogger(config.logLevel, options.logDestination),
    genReqId: requestIdOf,
    bodyLimit: 5 * 1024 * 1024,
    frameworkErrors: answerFrameworkError,
  });
  installRequestLogging(app);
  installRequestGuards(app);
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof Problem) return sendProblem(reply, request, error);
    const e = error as { statusCode?: number; code?: string; message: string };
    if (
      e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (e.statusCode === 400 && e.code?.startsWith('FST_'))
    ) {
      return sendProblem(reply, request, new Problem(400, 'malformed_body', 'The body is not valid JSON', e.message));
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, request, new Problem(413, 'body_too_large', 'The body is too large', `${e.message}; send less at once`));
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, request, new Problem(415, 'unsupported_media_type', 'Send application/json', e.message));
    }
    if (e.statusCode && e.statusCode < 500)
      return sendProblem(reply, request, new Problem(e.statusCode, 'bad_request', 'Bad request', e.message));
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      reply,
      request,
      new Problem(500, 'internal_error', 'Internal error', 'the server failed; the request was not applied'),
    );
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, problems.notFound(`${request.method} ${request.url}`)));

  // Every route is recorded from here on, so a test can tell a declared route from one registered by hand.
  trackRoutes(app);
  adminRoutes(app, context);
  orderRoutes(app, context);
  syncRoutes(app, context);
  orderLifecycleRoutes(app, context);
  fulfillmentReturnsRoutes(app, context);
  platformRoutes(app, context);
  credentialRoutes(app, context);
  customerOrderRoutes(app, context);
  graphqlRoutes(app, context);

  let background: BackgroundWork | null = null;
  app.addHook('onReady', async () => {
    background = startBackgroundWork(db, config, app.log);
    await background.ready;
  });
  app.addHook('onClose', async () => {
    await background?.stop();
  });

  return {
    app,
    db,
    context,
    async close() {
      await app.close();
      stopForgetting();
      await changes.close();
      if (!options.db) await db.close();
    },
  };
}
