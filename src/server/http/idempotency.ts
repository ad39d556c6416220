import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256 } from '../auth/secrets';
import type { Database, Queryable } from '../db/database';
import { canonicalJson } from './canonical-json';
import { Problem } from './problem';

/** What a mutation answers; stored whole under its Idempotency-Key. */
export interface CommandResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
let lastPurge = 0;

/** The request's Idempotency-Key, validated (1-255 visible ASCII characters), or null. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new Problem(
      400,
      'invalid_idempotency_key',
      'Bad Idempotency-Key',
      'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)',
    );
  }
  return key;
}

/**
 * Runs a mutation in one transaction together with its idempotency record. The key row is
 * inserted first: a concurrent request with the same key waits on it, then replays the stored
 * response. A failed mutation rolls the row back with it, so the client may retry the same key.
 * Same key and same request: the same response. Same key, another request: 422.
 */
export async function runIdempotent(
  db: Database,
  request: FastifyRequest,
  principalId: string,
  mutation: (tx: Queryable) => Promise<CommandResponse>,
): Promise<CommandResponse & { replayed: boolean; bodyText: string }> {
  const key = idempotencyKeyOf(request);
  if (!key) {
    const result = await db.transaction(mutation);
    return { ...result, replayed: false, bodyText: JSON.stringify(result.body ?? null) };
  }
  const requestHash = sha256(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`);
  return db.transaction(async (tx) => {
    // Expired records go: this key's now, everyone's about once an hour per process (the created_at index keeps it cheap).
    if (Date.now() - lastPurge > 3_600_000) {
      lastPurge = Date.now();
      await purgeIdempotencyKeys(tx);
    }
    await tx.query(
      `delete from idempotency_keys where principal_id = $1 and key = $2 and created_at < now() - make_interval(hours => $3)`,
      [principalId, key, IDEMPOTENCY_KEY_TTL_HOURS],
    );
    const inserted = await tx.query(
      `insert into idempotency_keys (principal_id, key, request_hash, method, path) values ($1, $2, $3, $4, $5) on conflict do nothing returning key`,
      [principalId, key, requestHash, request.method, request.url],
    );
    if (!inserted.length) {
      const [row] = await tx.query<{
        request_hash: string;
        status: number | null;
        headers: Record<string, string>;
        body: string | null;
        method: string;
        path: string;
      }>('select request_hash, status, headers, body, method, path from idempotency_keys where principal_id = $1 and key = $2', [
        principalId,
        key,
      ]);
      if (!row || row.status === null) {
        throw new Problem(
          409,
          'idempotency_key_in_use',
          'Conflict',
          'a request with this Idempotency-Key is still being processed; retry shortly',
        );
      }
      if (row.request_hash !== requestHash) {
        throw new Problem(
          422,
          'idempotency_key_reused',
          'Cannot be processed',
          `this Idempotency-Key was used for another request (${row.method} ${row.path} with a different body); use a new key`,
        );
      }
      return {
        status: row.status,
        headers: row.headers,
        body: row.body === null ? null : JSON.parse(row.body),
        bodyText: row.body ?? 'null',
        replayed: true,
      };
    }
    const result = await mutation(tx);
    const bodyText = JSON.stringify(result.body ?? null);
    await tx.query('update idempotency_keys set status = $3, headers = $4, body = $5 where principal_id = $1 and key = $2', [
      principalId,
      key,
      result.status,
      JSON.stringify(result.headers ?? {}),
      bodyText,
    ]);
    return { ...result, bodyText, replayed: false };
  });
}

/** Sends a command response; a replay says so in Idempotent-Replayed. */
export function sendCommandResponse(reply: FastifyReply, response: CommandResponse & { replayed: boolean; bodyText: string }) {
  reply.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
  if (response.replayed) reply.header('idempotent-replayed', 'true');
  if (response.status === 204) return reply.send();
  return reply.type('application/json; charset=utf-8').send(response.bodyText);
}

/** Deletes expired idempotency records; returns how many went. */
export async function purgeIdempotencyKeys(db: Queryable): Promise<number> {
  const rows = await db.query(`delete from idempotency_keys where created_at < now() - make_interval(hours => $1) returning key`, [
    IDEMPOTENCY_KEY_TTL_HOURS,
  ]);
  return rows.length;
}
