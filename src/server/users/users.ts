import { sql } from 'kysely';
import { z } from 'zod';
import { hashSecret, sha256 } from '../auth/secrets';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import { qb, runQuery, firstRow } from '../db/query-builder';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';

import { notABadge } from '../../shared/domain/badge-code';
import { scanCodeRulesOf, StationSettings, toteLabelPrefixOf } from '../../shared/contract/settings';
import { USER_ROLES, type UserRole } from '../../shared/domain/user-roles';
import type { SyncedUser, SyncedUserList } from '../../shared/sync/synced-users';

export { USER_ROLES, type UserRole };

const Pin = z
  .string()
  .regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits')
  .refine((pin) => !isTrivialPin(pin), 'this PIN is too easy to guess (repeated or consecutive digits)');
/** How a station reads codes unless its settings say otherwise. */
const STATION_SCANNER = StationSettings.shape.scanner.parse(undefined);
const STATION_SCAN_RULES = scanCodeRulesOf(STATION_SCANNER);
const TOTE_LABEL_PREFIX = toteLabelPrefixOf(STATION_SCANNER);
// A code the stations read as something else (an order or RMA number, an item barcode, an SSCC)
// is refused at the sign-in screen without counting toward the unknown-badge lock; so no badge
// may be such a code, or that lock could be sidestepped by guessing badges of that shape. Nor may
// it start as a tote label does: the pick screen would take it for a tote, and show it.
const Badge = z
  .string()
  .trim()
  .min(6, 'a badge code has at least 6 characters')
  .max(128)
  .superRefine((badge, ctx) => {
    const is = notABadge(badge, STATION_SCAN_RULES) ?? (badge.startsWith(TOTE_LABEL_PREFIX) ? 'a tote label' : null);
    if (is) ctx.addIssue({ code: 'custom', message: `this code reads as ${is} at the station: choose a badge code that is not one` });
  });

export const CreateUserRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(USER_ROLES),
    warehouseId: z.string().uuid().nullable().default(null),
    pin: Pin,
    badge: Badge.optional(),
  })
  .superRefine((u, ctx) => {
    if (!u.warehouseId && (u.role === 'packer' || u.role === 'returns')) {
      ctx.addIssue({ code: 'custom', path: ['warehouseId'], message: `a ${u.role} works in one warehouse: give warehouseId` });
    }
  });

export const UpdateUserRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(USER_ROLES).optional(),
    warehouseId: z.string().uuid().nullable().optional(),
    pin: Pin.optional(),
    badge: Badge.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const ListUsersQuery = z.object({
  warehouseId: z.string().uuid().optional(),
  role: z.enum(USER_ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
});

/** 0000, 1111, 1234, 9876 and the like. */
export function isTrivialPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const same = d.every((x) => x === d[0]);
  const up = d.every((x, i) => i === 0 || x === (d[i - 1]! + 1) % 10);
  const down = d.every((x, i) => i === 0 || x === (d[i - 1]! + 9) % 10);
  return same || up || down;
}

/** Badges are matched by SHA-256 of the trimmed code, so stations can look one up offline without holding the codes. */
export function badgeHash(badge: string): string {
  return sha256(badge.trim());
}

export interface UserView {
  id: string;
  name: string;
  role: UserRole;
  warehouseId: string | null;
  hasBadge: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  deactivatedAt: string | null;
}

type UserRow = Row<'users'>;

function view(r: UserRow): UserView {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    warehouseId: r.warehouse_id,
    hasBadge: r.badge_hash !== null,
    active: r.active,
    version: r.version,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    deactivatedAt: r.deactivated_at ? toIso(r.deactivated_at) : null,
  };
}

async function requireWarehouseExists(db: Queryable, warehouseId: string | null) {
  if (!warehouseId) return;
  const [wh] = await db.query('select 1 from warehouses where id = $1', [warehouseId]);
  if (!wh) throw problems.unprocessable('warehouse_unknown', `warehouse ${warehouseId} does not exist`);
}

/** A warehouse-bound admin manages only its warehouse's people, and cannot create unbound ones. */
function requireManageable(principal: Principal, warehouseId: string | null) {
  if (principal.warehouseId && principal.warehouseId !== warehouseId) {
    throw problems.forbidden('a warehouse-bound key manages only the people of its warehouse');
  }
}

function badgeTaken(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'users_badge_hash_key' || /badge_hash/.test(e.message ?? ''));
}

export async function createUser(db: Queryable, principal: Principal, input: z.output<typeof CreateUserRequest>): Promise<UserView> {
  requireManageable(principal, input.warehouseId);
  await requireWarehouseExists(db, input.warehouseId);
  const id = crypto.randomUUID();
  const row = {
    id,
    name: input.name,
    role: input.role,
    warehouseId: input.warehouseId,
    badgeHash: input.badge ? badgeHash(input.badge) : null,
    pinHash: await hashSecret(input.pin),
  };
  try {
    return view((await insertUser(db, row, 'fail'))!);
  } catch (err) {
    if (badgeTaken(err)) throw problems.conflict('badge_taken', 'this badge belongs to another user');
    throw err;
  }
}

/** The one insert into users; on a badge someone has, 'skip' returns null (demo data loaded twice), 'fail' throws. */
export async function insertUser(
  db: Queryable,
  u: { id: string; name: string; role: UserRole; warehouseId: string | null; badgeHash: string | null; pinHash: string },
  onBadgeTaken: 'fail' | 'skip',
): Promise<UserRow | null> {
  const insert = qb
    .insertInto('users')
    .values({ id: u.id, name: u.name, role: u.role, warehouse_id: u.warehouseId, badge_hash: u.badgeHash, pin_hash: u.pinHash })
    .$if(onBadgeTaken === 'skip', (i) => i.onConflict((c) => c.column('badge_hash').doNothing()))
    .returningAll();
  return (await firstRow(db, insert)) ?? null;
}

export async function listUsers(db: Queryable, principal: Principal, q: z.output<typeof ListUsersQuery>): Promise<UserView[]> {
  const warehouseId = principal.warehouseId ?? q.warehouseId;
  if (principal.warehouseId && q.warehouseId && q.warehouseId !== principal.warehouseId)
    throw problems.forbidden('this belongs to another warehouse');
  const rows = await runQuery(
    db,
    qb
      .selectFrom('users')
      .selectAll()
      .$if(!!warehouseId, (s) => s.where('warehouse_id', '=', warehouseId!))
      .$if(!!q.role, (s) => s.where('role', '=', q.role!))
      .$if(!!q.active, (s) => s.where('active', '=', q.active === 'true'))
      .orderBy('name')
      .orderBy('id'),
  );
  return rows.map(view);
}

export async function getUser(db: Queryable, principal: Principal, id: string): Promise<UserView> {
  const [row] = await db.query<UserRow>('select * from users where id = $1', [id]);
  if (!row || (principal.warehouseId && row.warehouse_id !== principal.warehouseId)) throw problems.notFound(`user ${id}`);
  return view(row);
}

export async function updateUser(
  db: Queryable,
  principal: Principal,
  id: string,
  input: z.output<typeof UpdateUserRequest>,
): Promise<UserView> {
  const current = await getUser(db, principal, id);
  const next = {
    name: input.name ?? current.name,
    role: input.role ?? current.role,
    warehouseId: input.warehouseId === undefined ? current.warehouseId : input.warehouseId,
    active: input.active ?? current.active,
  };
  requireManageable(principal, next.warehouseId);
  if (!next.warehouseId && (next.role === 'packer' || next.role === 'returns')) {
    throw problems.unprocessable('warehouse_required', `a ${next.role} works in one warehouse: give warehouseId`);
  }
  await requireWarehouseExists(db, next.warehouseId);
  const pinHash = input.pin !== undefined ? await hashSecret(input.pin) : undefined;
  const update = qb
    .updateTable('users')
    .set((eb) => ({
      name: next.name,
      role: next.role,
      warehouse_id: next.warehouseId,
      active: next.active,
      version: eb('version', '+', 1),
      updated_at: sql`now()`,
      deactivated_at: sql`case when ${next.active} then null else coalesce(deactivated_at, now()) end`,
    }))
    .$if(pinHash !== undefined, (u) => u.set({ pin_hash: pinHash! }))
    .$if(input.badge !== undefined, (u) => u.set({ badge_hash: input.badge ? badgeHash(input.badge) : null }))
    .where('id', '=', id)
    .returningAll();
  try {
    const row = await firstRow(db, update);
    return view(row!);
  } catch (err) {
    if (badgeTaken(err)) throw problems.conflict('badge_taken', 'this badge belongs to another user');
    throw err;
  }
}

/** Users are deactivated, never deleted: the timeline still names them. */
export async function deactivateUser(db: Queryable, principal: Principal, id: string): Promise<UserView> {
  return updateUser(db, principal, id, { active: false });
}

/** How a station checks a PIN or badge offline against the synced list. */
export const SIGN_IN_HASHING = {
  pin: {
    algorithm: 'scrypt',
    format: 'scrypt$N$r$p$salt$hash (salt and hash base64url)',
    keyLength: 32,
    note: 'derive scrypt(pin, salt, keyLength, {N, r, p}) and compare with hash in constant time',
  },
  badge: { algorithm: 'sha256', format: 'lower-case hex of SHA-256 over the UTF-8 badge code with surrounding whitespace removed' },
} as const;

export type { SyncedUser, SyncedUserList };

/** Active users who may sign in at this warehouse's stations: its own people and the unbound ones. */
export async function usersForStation(db: Queryable, warehouseId: string): Promise<SyncedUserList> {
  const rows = await db.query<UserRow>(
    'select * from users where active and (warehouse_id = $1 or warehouse_id is null) order by name, id',
    [warehouseId],
  );
  const users = rows.map((r): SyncedUser => {
    const [, n, rr, p, salt, hash] = r.pin_hash.split('$');
    return {
      id: r.id,
      name: r.name,
      role: r.role,
      warehouseId: r.warehouse_id,
      badgeHash: r.badge_hash,
      pinHash: r.pin_hash,
      pinScrypt: { N: Number(n), r: Number(rr), p: Number(p), salt: salt!, hash: hash!, keyLength: Buffer.from(hash!, 'base64url').length },
      version: r.version,
      updatedAt: toIso(r.updated_at),
    };
  });
  const etag = sha256(JSON.stringify(users.map((u) => [u.id, u.version]))).slice(0, 32);
  return { warehouseId, generatedAt: new Date().toISOString(), hashing: SIGN_IN_HASHING, users, etag };
}
