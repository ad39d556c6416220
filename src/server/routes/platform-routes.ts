import type { FastifyInstance } from 'fastify';
import { bulkJobRoutes } from '../jobs/bulk-job-routes';
import { jobRoutes } from '../jobs/job-routes';
import { notificationRoutes } from '../notifications/notification-routes';
import { reportRoutes } from '../reports/report-routes';
import { settingsRoutes } from '../settings/settings-routes';
import { userRoutes } from '../users/user-routes';
import { webhookRoutes } from '../webhooks/webhook-routes';
import type { RouteContext } from '../http/route-context';

/** Platform: people, outgoing webhooks, the reconciliation report, export/import and bulk jobs, settings and automation policies. Their background work runs from background/background-work.ts. */
export function platformRoutes(app: FastifyInstance, context: RouteContext): void {
  userRoutes(app, context);
  webhookRoutes(app, context);
  reportRoutes(app, context);
  jobRoutes(app, context);
  bulkJobRoutes(app, context);
  notificationRoutes(app, context);
  settingsRoutes(app, context);
}
