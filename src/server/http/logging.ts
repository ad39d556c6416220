import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { DEVICE_TOKEN_HEADER } from '../../shared/contract/device';
import type { LogLevel } from '../config';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fields that hold a secret wherever they appear in a logged object (one level down too). */
const SECRET_FIELDS = [
  'authorization',
  'pin',
  'pinHash',
  'secret',
  'credential',
  'key',
  'token',
  'password',
  'enrollmentCode',
  'deviceToken',
  'carrierCredentials',
  'apiKey',
  'webhookSecret',
  'secretKey',
];

/** What is never written to a log: credentials, PINs, webhook and carrier secrets, device tokens. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  `req.headers["${ACTING_USER_HEADER}"]`,
  `req.headers["${DEVICE_TOKEN_HEADER}"]`,
  'req.headers["x-payment-signature"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

/** The server's structured JSON log (pino): one line per event, secrets redacted. `destination` is for tests; stdout otherwise. */
export function createServerLogger(level: LogLevel, destination?: DestinationStream): FastifyBaseLogger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: request.url,
          remoteAddress: request.ip,
          headers: request.headers,
        }),
        res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** A request id: the caller's X-Request-Id when it is a sane token (so a line can be traced across a proxy), else a new UUID. */
export function requestIdOf(raw: IncomingMessage): string {
  const given = raw.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[\w.:-]{8,100}$/.test(given) ? given : randomUUID();
}

/**
 * Every answer carries its request id, and the lines logged when it completes say who asked
 * (authentication gives the request a child logger with the station, user or API key).
 */
export function installRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.principal) reply.log = request.log;
  });
}
