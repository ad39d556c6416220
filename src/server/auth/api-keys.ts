import { z } from 'zod';
import type { Database, Queryable } from '../db/database';
import { toIso } from '../db/database';
import { problems } from '../http/problem';
import { notifyCredentialChange } from '../sync/change-hub';
import { ROLES } from './principal';
import { hashSecret, randomSecret, sha256 } from './secrets';

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  warehouseId: z.string().uuid().nullable().default(null),
});

const newApiKeyToken = () => `dks_ak_${randomSecret(32)}`;

/** Stores an API key (its scrypt hash and a lookup prefix); the key itself is shown once. */
export async function storeApiKey(db: Queryable, input: z.output<typeof CreateApiKeyRequest>, token = newApiKeyToken()) {
  if (input.warehouseId) {
    const [wh] = await db.query('select 1 from warehouses where id = $1', [input.warehouseId]);
    if (!wh) throw problems.unprocessable('warehouse_unknown', `warehouse ${input.warehouseId} does not exist`);
  }
  const id = crypto.randomUUID();
  await db.query('insert into api_keys (id, name, role, warehouse_id, lookup_prefix, secret_hash) values ($1,$2,$3,$4,$5,$6)', [
    id,
    input.name,
    input.role,
    input.warehouseId,
    sha256(token).slice(0, 12),
    await hashSecret(token),
  ]);
  return { id, name: input.name, role: input.role, warehouseId: input.warehouseId, key: token };
}

export const CreateCustomerKeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The customer's id in the selling system: the orders placed with customer.id equal to it. */
  customerId: z.string().trim().min(1).max(100),
});

/** A customer key: an API key that reaches only one customer's own orders; shown once, revoked and rotated as any API key. */
export async function storeCustomerKey(db: Queryable, input: z.output<typeof CreateCustomerKeyRequest>) {
  const token = newApiKeyToken();
  const id = crypto.randomUUID();
  await db.query(
    `insert into api_keys (id, name, role, warehouse_id, customer_id, lookup_prefix, secret_hash) values ($1,$2,'customer',null,$3,$4,$5)`,
    [id, input.name, input.customerId, sha256(token).slice(0, 12), await hashSecret(token)],
  );
  return { id, name: input.name, role: 'customer' as const, customerId: input.customerId, key: token };
}

/** On an empty database, DOCKSIDE_BOOTSTRAP_TOKEN becomes the first admin key so automation can start from nothing. */
export async function bootstrapAdmin(db: Queryable, token: string | undefined): Promise<'created' | 'exists' | 'none'> {
  const [row] = await db.query<{ n: unknown }>('select count(*) as n from api_keys');
  if (Number(row?.n) > 0) return 'exists';
  if (!token) return 'none';
  if (token.length < 24) throw new Error('DOCKSIDE_BOOTSTRAP_TOKEN must be at least 24 characters');
  await storeApiKey(db, { name: 'bootstrap admin', role: 'admin', warehouseId: null }, token);
  return 'created';
}

/** Revokes an API key on every server process within a moment; its holder is told credential_revoked. */
export async function revokeApiKey(db: Database, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; name: string; revoked_at: unknown }>(
      'update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning id, name, revoked_at',
      [id],
    );
    if (!row) throw problems.notFound(`API key ${id}`);
    await notifyCredentialChange(tx, { kind: 'api-key', id });
    return { id: row.id, name: row.name, revokedAt: toIso(row.revoked_at) };
  });
}

/** A new secret for the same key (id, name, role, warehouse), shown once; the old secret is refused as revoked. */
export async function rotateApiKey(db: Database, id: string) {
  const token = newApiKeyToken();
  const hash = await hashSecret(token);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; name: string; role: string; warehouse_id: string | null; revoked_at: unknown }>(
      'select id, name, role, warehouse_id, revoked_at from api_keys where id = $1 for update',
      [id],
    );
    if (!row) throw problems.notFound(`API key ${id}`);
    if (row.revoked_at) throw problems.conflict('api_key_revoked', 'this API key is revoked: create a new one instead');
    await tx.query(
      `update api_keys set retired_lookup_prefix = lookup_prefix, retired_secret_hash = secret_hash, lookup_prefix = $2, secret_hash = $3, rotated_at = now() where id = $1`,
      [id, sha256(token).slice(0, 12), hash],
    );
    await notifyCredentialChange(tx, { kind: 'api-key', id });
    return { id, name: row.name, role: row.role, warehouseId: row.warehouse_id, key: token };
  });
}
