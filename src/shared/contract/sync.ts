import { z } from 'zod';
import { PullRequest, PushRequest, type PullResponse, type PushResponse, type SyncHello } from '../sync/sync-protocol';
import { handler } from './handler';

export interface ConnectionState {
  online: boolean;
  /** When the server last answered, UTC ISO. */
  lastContactAt: string | null;
  lastError: string | null;
}

export const syncHandlers = {
  'sync.hello': handler(z.undefined().optional()).returns<SyncHello>(),
  'sync.pull': handler(PullRequest).returns<PullResponse>(),
  'sync.push': handler(PushRequest).returns<PushResponse>(),
  'sync.connection': handler(z.undefined().optional()).returns<ConnectionState>(),
};
