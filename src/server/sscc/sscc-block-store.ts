import type { SsccBlock, SsccBlockRequest } from '../../shared/api/sscc-blocks';
import { buildSscc } from '../../shared/domain/gs1';
import { toInt, toIso, type Queryable } from '../db/database';
import { problems } from '../http/problem';

/** Serials per block: a station offline for weeks still has plenty, and a 7-digit prefix's range lasts 500,000 blocks. */
export const SSCC_BLOCK_SIZE = 1000;

/**
 * Where a range's blocks start: half way. Before blocks, every station counted its own serials
 * from 1 (sscc-counter.json), so the bottom of each range holds SSCCs already on parcels; no
 * station printed anywhere near half a range (500 million under a 7-digit prefix), so starting
 * there never hands one of those out again.
 */
export function firstBlockSerial(companyPrefix: string): number {
  return 10 ** (16 - companyPrefix.length) / 2;
}

/**
 * Takes the next `count` serials of a range (fewer at its end). Run inside a transaction: the
 * range's row is locked, so callers at once get disjoint serials. 409 sscc_numbers_exhausted when
 * the range has no serial left.
 */
async function takeSerials(q: Queryable, range: SsccBlockRequest, count: number): Promise<{ first: number; last: number }> {
  const { extensionDigit, companyPrefix } = range;
  const max = 10 ** (16 - companyPrefix.length) - 1; // serial references have 16 - prefix length digits (buildSscc)
  await q.query('insert into sscc_ranges (extension_digit, company_prefix, next_serial) values ($1, $2, $3) on conflict do nothing', [
    extensionDigit,
    companyPrefix,
    firstBlockSerial(companyPrefix),
  ]);
  const [row] = await q.query<{ next_serial: unknown }>(
    'select next_serial from sscc_ranges where extension_digit = $1 and company_prefix = $2 for update',
    [extensionDigit, companyPrefix],
  );
  const first = toInt(row!.next_serial);
  if (first > max)
    throw problems.conflict(
      'sscc_numbers_exhausted',
      `every SSCC serial of extension digit ${extensionDigit} and company prefix ${companyPrefix} has been handed out: set another extension digit in the label settings`,
      { extensionDigit, companyPrefix },
    );
  const last = Math.min(first + count - 1, max);
  await q.query('update sscc_ranges set next_serial = $3 where extension_digit = $1 and company_prefix = $2', [
    extensionDigit,
    companyPrefix,
    last + 1,
  ]);
  return { first, last };
}

/**
 * Cuts the next block of a range for a station. Run inside a transaction (takeSerials). 409
 * sscc_numbers_exhausted when the range has no serial left.
 */
export async function allocateSsccBlock(q: Queryable, stationId: string, range: SsccBlockRequest): Promise<SsccBlock> {
  const { extensionDigit, companyPrefix } = range;
  const { first, last } = await takeSerials(q, range, SSCC_BLOCK_SIZE);
  const id = crypto.randomUUID();
  const [block] = await q.query<{ issued_at: unknown }>(
    `insert into sscc_blocks (id, extension_digit, company_prefix, station_id, first_serial, last_serial)
     values ($1, $2, $3, $4, $5, $6) returning issued_at`,
    [id, extensionDigit, companyPrefix, stationId, first, last],
  );
  return { id, extensionDigit, companyPrefix, firstSerial: first, lastSerial: last, issuedAt: toIso(block!.issued_at) };
}

/**
 * One SSCC numbered by the server itself (a supervisor's relabel), from the same counter as the
 * stations' blocks, so it is never handed out again; no block is recorded, as no station holds it.
 */
export async function allocateServerSscc(q: Queryable, range: SsccBlockRequest): Promise<string> {
  const { first } = await takeSerials(q, range, 1);
  return buildSscc(range.extensionDigit, range.companyPrefix, first);
}
