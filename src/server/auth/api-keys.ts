import { z } from 'zod';
import type { Queryable } from '../db/database';
import { problems } from '../http/problem';
import { ROLES } from './principal';
import { hashSecret, randomSecret, sha256 } from './secrets';

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  warehouseId: z.string().uuid().nullable().default(null),
});

/** Stores an API key (its scrypt hash and a lookup prefix); the key itself is shown once. */
export async function storeApiKey(db: Queryable, input: z.output<typeof CreateApiKeyRequest>, token = `dks_ak_${randomSecret(32)}`) {
  if (input.warehouseId) {
    const [wh] = await db.query('select 1 from warehouses where id = $1', [input.warehouseId]);
    if (!wh) throw problems.unprocessable('warehouse_unknown', `warehouse ${input.warehouseId} does not exist`);
  }
  const id = crypto.randomUUID();
  await db.query('insert into api_keys (id, name, role, warehouse_id, lookup_prefix, secret_hash) values ($1,$2,$3,$4,$5,$6)', [
    id, input.name, input.role, input.warehouseId, sha256(token).slice(0, 12), await hashSecret(token),
  ]);
  return { id, name: input.name, role: input.role, warehouseId: input.warehouseId, key: token };
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
