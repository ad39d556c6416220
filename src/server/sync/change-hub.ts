import { z } from 'zod';
import type { Database, Queryable } from '../db/database';
import { SYNC_COLLECTIONS, type StreamMessage } from '../../shared/sync/sync-protocol';
import { CHANGES_CHANNEL } from './revisions';

/** What a live stream is told of its warehouse's changes (RESYNC is the stream's own). */
export type Change = Exclude<StreamMessage, 'RESYNC'>;

/** A credential that no longer works as it did (revoked, rotated, re-enrolled): every process forgets what it cached of it. */
export const CredentialChange = z.object({
  type: z.literal('credential-changed'),
  kind: z.enum(['station', 'api-key']),
  id: z.string().uuid(),
});
export type CredentialChange = z.output<typeof CredentialChange>;

/** The tasks a warehouse sees changed (tasks/task-notice.ts sends it). */
const TasksNotice = z.object({ type: z.literal('tasks-changed'), warehouseId: z.string() });

const Notice = z.union([
  CredentialChange,
  TasksNotice,
  z.object({ warehouseId: z.string(), collection: z.enum(SYNC_COLLECTIONS), rev: z.number() }),
]);

/** Tells every server process (this one too) that a credential changed; delivered at commit, so call it inside the change's transaction. */
export async function notifyCredentialChange(tx: Queryable, credential: Pick<CredentialChange, 'kind' | 'id'>): Promise<void> {
  const notice: CredentialChange = { type: 'credential-changed', ...credential };
  await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

/**
 * Fans database change notifications out to live streams, and credential changes out to the
 * authenticator's cache and to open streams. Notifications ride LISTEN/NOTIFY, so a change
 * committed by any server process on the same PostgreSQL reaches every process.
 */
export async function createChangeHub(db: Database) {
  const subscribers = new Set<{ warehouseId: string; send: (c: Change) => void }>();
  const credentialWatchers = new Set<(c: CredentialChange) => void>();
  const stop = await db.listen(CHANGES_CHANNEL, (payload) => {
    let notice: z.output<typeof Notice>;
    try {
      notice = Notice.parse(JSON.parse(payload));
    } catch {
      return;
    }
    if ('type' in notice && notice.type === 'credential-changed') {
      for (const watch of credentialWatchers) watch(notice);
      return;
    }
    const change: Change = 'type' in notice ? { type: notice.type } : { type: 'changed', collection: notice.collection, rev: notice.rev };
    for (const s of subscribers) if (s.warehouseId === notice.warehouseId) s.send(change);
  });
  return {
    subscribe(warehouseId: string, send: (c: Change) => void): () => void {
      const sub = { warehouseId, send };
      subscribers.add(sub);
      return () => subscribers.delete(sub);
    },
    /**
     * The credential change this process just committed, acted on here at once: its NOTIFY reaches
     * this process's own LISTEN connection a moment later (on PostgreSQL, after the HTTP answer),
     * and an admin who was told "revoked" must not see the credential work on the next request.
     * The notice still arrives and is acted on again (forgetting twice is harmless).
     */
    credentialChangedHere(credential: Pick<CredentialChange, 'kind' | 'id'>): void {
      const notice: CredentialChange = { type: 'credential-changed', ...credential };
      for (const watch of credentialWatchers) watch(notice);
    },
    onCredentialChange(watch: (c: CredentialChange) => void): () => void {
      credentialWatchers.add(watch);
      return () => credentialWatchers.delete(watch);
    },
    get size() {
      return subscribers.size;
    },
    close: stop,
  };
}
export type ChangeHub = Awaited<ReturnType<typeof createChangeHub>>;
