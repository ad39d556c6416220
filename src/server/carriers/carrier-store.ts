import type {
  CarrierAccountView,
  CreateCarrierAccountRequest,
  PutShippingRulesRequest,
  ShippingRule,
  StationCarrierConfig,
  TrackingBlock,
  UpdateCarrierAccountRequest,
} from '../../shared/carriers/carrier-config';
import { schemeOf } from '../../shared/carriers/carrier-config';
import { buildTrackingNumber, maxSerial, trackingUrl } from '../../shared/carriers/tracking-numbers';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';
import { openSecret, sealSecret } from '../webhooks/secret-box';

/**
 * The writer of carrier_accounts, carrier_services, shipping_rules and tracking_blocks.
 * Credentials are sealed like webhook secrets (DOCKSIDE_SECRET_KEY) and never leave the server
 * through the API: only the names that are set.
 */
type AccountRow = Row<'carrier_accounts'>;
interface ServiceRow {
  account_id: string;
  code: string;
  name: string;
}

function view(r: AccountRow, services: readonly ServiceRow[]): CarrierAccountView {
  return {
    id: r.id,
    warehouseId: r.warehouse_id,
    carrier: r.carrier,
    accountNumber: r.account_number,
    uspsChannel: r.usps_channel,
    name: r.name,
    labelFormat: r.label_format,
    labelSource: r.label_source,
    services: services.filter((s) => s.account_id === r.id).map((s) => ({ code: s.code, name: s.name })),
    credentialNames: r.credential_names as string[],
    blockSize: r.block_size,
    lowWater: r.low_water,
    active: r.active,
    nextSerial: toInt(r.next_serial),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

async function servicesOf(q: Queryable, ids: readonly string[]): Promise<ServiceRow[]> {
  if (!ids.length) return [];
  return q.query<ServiceRow>('select account_id, code, name from carrier_services where account_id = any($1::uuid[]) order by position', [
    ids,
  ]);
}

async function writeServices(q: Queryable, accountId: string, services: CreateCarrierAccountRequest['services']): Promise<void> {
  // A service a rule still names cannot go: the rule would silently stop matching.
  const named = await q.query<{ service_code: string }>(
    'select distinct service_code from shipping_rules where account_id = $1 and not (service_code = any($2::text[]))',
    [accountId, services.map((s) => s.code)],
  );
  if (named.length)
    throw problems.conflict('service_in_use', `shipping rules still choose service ${named.map((n) => n.service_code).join(', ')}`);
  await q.query('delete from carrier_services where account_id = $1', [accountId]);
  for (const [i, s] of services.entries())
    await q.query('insert into carrier_services (account_id, code, name, position) values ($1,$2,$3,$4)', [accountId, s.code, s.name, i]);
}

const sealed = (credentials: Record<string, string> | null | undefined, secretKey: string | null) =>
  credentials && Object.keys(credentials).length ? sealSecret(JSON.stringify(credentials), secretKey) : null;

export async function createCarrierAccount(
  q: Queryable,
  input: CreateCarrierAccountRequest,
  secretKey: string | null,
): Promise<CarrierAccountView> {
  const [warehouse] = await q.query(`select id from warehouses where id = $1 and kind = 'warehouse'`, [input.warehouseId]);
  if (!warehouse) throw problems.unprocessable('warehouse_unknown', `no stocking warehouse ${input.warehouseId}`);
  const channel = input.uspsChannel ?? (input.accountNumber.length === 9 ? '92' : '93');
  const id = crypto.randomUUID();
  const [row] = await q.query<AccountRow>(
    `insert into carrier_accounts (id, warehouse_id, carrier, account_number, usps_channel, name, label_format, credentials,
       credential_names, block_size, low_water, active, label_source)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) on conflict (carrier, account_number) do nothing returning *`,
    [
      id,
      input.warehouseId,
      input.carrier,
      input.accountNumber,
      channel,
      input.name,
      input.labelFormat,
      sealed(input.credentials, secretKey),
      JSON.stringify(Object.keys(input.credentials ?? {}).sort()),
      input.blockSize,
      input.lowWater,
      input.active,
      input.labelSource,
    ],
  );
  if (!row)
    throw problems.conflict(
      'carrier_account_exists',
      `${input.carrier} account ${input.accountNumber} is already configured; numbers come from one counter`,
    );
  await writeServices(q, id, input.services);
  return view(row, await servicesOf(q, [id]));
}

async function lockAccount(q: Queryable, id: string): Promise<AccountRow> {
  const [row] = await q.query<AccountRow>('select * from carrier_accounts where id = $1 for update', [id]);
  if (!row) throw problems.notFound(`carrier account ${id}`);
  return row;
}

export async function updateCarrierAccount(
  q: Queryable,
  id: string,
  input: UpdateCarrierAccountRequest,
  secretKey: string | null,
  inScope: (warehouseId: string) => void,
): Promise<CarrierAccountView> {
  const cur = await lockAccount(q, id);
  inScope(cur.warehouse_id);
  const blockSize = input.blockSize ?? cur.block_size;
  const lowWater = input.lowWater ?? cur.low_water;
  if (lowWater >= blockSize) throw problems.unprocessable('low_water_too_high', 'the low-water mark is below the block size');
  const credentialsChange = input.credentials !== undefined;
  const [row] = await q.query<AccountRow>(
    `update carrier_accounts set name = $2, label_format = $3, block_size = $4, low_water = $5, active = $6,
       credentials = case when $7 then $8 else credentials end, credential_names = case when $7 then $9::jsonb else credential_names end,
       label_source = $10, updated_at = now()
     where id = $1 returning *`,
    [
      id,
      input.name ?? cur.name,
      input.labelFormat ?? cur.label_format,
      blockSize,
      lowWater,
      input.active ?? cur.active,
      credentialsChange,
      sealed(input.credentials, secretKey),
      JSON.stringify(Object.keys(input.credentials ?? {}).sort()),
      input.labelSource ?? cur.label_source,
    ],
  );
  if (input.services) await writeServices(q, id, input.services);
  return view(row!, await servicesOf(q, [id]));
}

export async function getCarrierAccount(q: Queryable, id: string): Promise<CarrierAccountView> {
  const [row] = await q.query<AccountRow>('select * from carrier_accounts where id = $1', [id]);
  if (!row) throw problems.notFound(`carrier account ${id}`);
  return view(row, await servicesOf(q, [id]));
}

/** Accounts of one warehouse, or of all when `warehouseId` is null. */
export async function listCarrierAccounts(q: Queryable, warehouseId: string | null): Promise<CarrierAccountView[]> {
  const rows = await q.query<AccountRow>(
    'select * from carrier_accounts where ($1::uuid is null or warehouse_id = $1) order by warehouse_id, carrier, account_number',
    [warehouseId],
  );
  const services = await servicesOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, services));
}

/** The credentials in clear, for a carrier adapter on the server; never for an API answer. */
export async function openCarrierCredentials(q: Queryable, id: string, secretKey: string | null): Promise<Record<string, string>> {
  const [row] = await q.query<{ credentials: string | null }>('select credentials from carrier_accounts where id = $1', [id]);
  return row?.credentials ? (JSON.parse(openSecret(row.credentials, secretKey)) as Record<string, string>) : {};
}

export async function readShippingRules(q: Queryable, warehouseId: string): Promise<ShippingRule[]> {
  const rows = await q.query<{ name: string; conditions: ShippingRule['when']; account_id: string; service_code: string }>(
    'select name, conditions, account_id, service_code from shipping_rules where warehouse_id = $1 order by position',
    [warehouseId],
  );
  return rows.map((r) => ({ name: r.name, when: r.conditions, accountId: r.account_id, serviceCode: r.service_code }));
}

/** Replaces a warehouse's rules, in order. Each names a service of one of that warehouse's accounts. */
export async function replaceShippingRules(q: Queryable, warehouseId: string, input: PutShippingRulesRequest): Promise<ShippingRule[]> {
  const accounts = await listCarrierAccounts(q, warehouseId);
  input.rules.forEach((rule, i) => {
    const account = accounts.find((a) => a.id === rule.accountId);
    if (!account?.services.some((s) => s.code === rule.serviceCode))
      throw problems.unprocessable(
        'rule_service_unknown',
        `rules.${i}: ${rule.serviceCode} is not a service of a carrier account of this warehouse`,
      );
  });
  await q.query('delete from shipping_rules where warehouse_id = $1', [warehouseId]);
  for (const [i, r] of input.rules.entries())
    await q.query(
      'insert into shipping_rules (warehouse_id, position, name, conditions, account_id, service_code) values ($1,$2,$3,$4,$5,$6)',
      [warehouseId, i, r.name, JSON.stringify(r.when), r.accountId, r.serviceCode],
    );
  return readShippingRules(q, warehouseId);
}

/** What the warehouse's stations run offline: active accounts without credentials, and the rules. */
export async function stationCarrierConfig(q: Queryable, warehouseId: string): Promise<StationCarrierConfig> {
  const accounts = (await listCarrierAccounts(q, warehouseId)).filter((a) => a.active);
  return {
    warehouseId,
    accounts: accounts.map((a) => ({
      id: a.id,
      carrier: a.carrier,
      accountNumber: a.accountNumber,
      uspsChannel: a.uspsChannel,
      name: a.name,
      labelFormat: a.labelFormat,
      labelSource: a.labelSource,
      services: a.services,
      blockSize: a.blockSize,
      lowWater: a.lowWater,
    })),
    rules: await readShippingRules(q, warehouseId),
    readAt: new Date().toISOString(),
  };
}

/**
 * Carves the next block of an account's serials for a station. Run inside a transaction: the
 * account row is locked, so concurrent requests (any server process) queue and each gets its own
 * range; the counter only moves forward, so no serial is ever handed out twice.
 */
export async function allocateTrackingBlock(
  q: Queryable,
  stationId: string,
  warehouseId: string,
  accountId: string,
): Promise<TrackingBlock> {
  const { first, last } = await carveSerials(q, warehouseId, accountId, null);
  const id = crypto.randomUUID();
  const [row] = await q.query<{ issued_at: unknown }>(
    'insert into tracking_blocks (id, account_id, station_id, first_serial, last_serial) values ($1,$2,$3,$4,$5) returning issued_at',
    [id, accountId, stationId, first, last],
  );
  return { id, accountId, firstSerial: first, lastSerial: last, issuedAt: toIso(row!.issued_at) };
}

/**
 * Moves an account's one counter past the next `count` serials (its block size when null) and
 * answers them. Run inside a transaction: the account row is locked, so every caller (a station's
 * block, the server's own return label) gets its own range and no serial is handed out twice.
 */
async function carveSerials(
  q: Queryable,
  warehouseId: string,
  accountId: string,
  count: number | null,
): Promise<{ first: number; last: number; account: AccountRow }> {
  const a = await lockAccount(q, accountId);
  if (a.warehouse_id !== warehouseId) throw problems.notFound(`carrier account ${accountId}`);
  if (!a.active) throw problems.conflict('carrier_account_inactive', `${a.name} is switched off`);
  const first = toInt(a.next_serial);
  const max = maxSerial(schemeOf({ carrier: a.carrier, accountNumber: a.account_number, uspsChannel: a.usps_channel }));
  if (first > max) throw problems.conflict('tracking_numbers_exhausted', `${a.name} has issued every number its format holds`);
  const last = Math.min(first + (count ?? a.block_size) - 1, max);
  await q.query('update carrier_accounts set next_serial = $2, updated_at = now() where id = $1', [accountId, last + 1]);
  return { first, last, account: a };
}

/** One tracking number the server numbers itself (a return label), from the same counter as the stations' blocks. */
export async function issueServerTrackingNumber(
  q: Queryable,
  warehouseId: string,
  accountId: string,
  serviceCode: string,
): Promise<{ carrier: string; serviceName: string; trackingNumber: string; trackingUrl: string }> {
  const [service] = await q.query<{ name: string }>('select name from carrier_services where account_id = $1 and code = $2', [
    accountId,
    serviceCode,
  ]);
  if (!service) throw problems.unprocessable('carrier_service_unknown', `the account has no service ${serviceCode}`);
  const { first, account: a } = await carveSerials(q, warehouseId, accountId, 1);
  const scheme = schemeOf({ carrier: a.carrier, accountNumber: a.account_number, uspsChannel: a.usps_channel });
  const trackingNumber = buildTrackingNumber(scheme, serviceCode, first);
  return { carrier: a.carrier, serviceName: service.name, trackingNumber, trackingUrl: trackingUrl(scheme.format, trackingNumber) };
}
