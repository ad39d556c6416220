import type { FastifyInstance } from 'fastify';
import type { RouteContext } from './context';

export function platformRoutes(_app: FastifyInstance, _context: RouteContext): void {}
