import type { z } from 'zod';
import { PutBinRequest } from '../../shared/api/bins';
import { binCodeOf } from '../../shared/sync/bin-location-document';
import type { Queryable } from '../db/database';
import { CsvError, parseCsv, unguard } from '../jobs/csv';
import { problems } from '../http/problem';
import { putBin } from './bin-store';

const REQUIRED = ['zone', 'aisle', 'bay', 'level', 'bin', 'barcode', 'walk_order'] as const;
const MAX_ROWS = 20_000;

/**
 * Bins from a CSV file: a header row, then a row per bin, or per bin and SKU (columns `sku` and
 * `quantity`; a bin on several rows gets each row's SKU). Every row is checked before anything
 * is written, and a bad row refuses the file with its line number (422 bin_import_invalid).
 */
export async function importBins(
  tx: Queryable,
  warehouseId: string,
  csv: string,
): Promise<{ bins: number; created: number; stockRows: number }> {
  const bins = readBins(csv);
  let created = 0;
  let stockRows = 0;
  for (const bin of bins.values()) {
    if ((await putBin(tx, warehouseId, bin)).created) created++;
    stockRows += bin.stock?.length ?? 0;
  }
  return { bins: bins.size, created, stockRows };
}

function readBins(csv: string): Map<string, PutBinRequest> {
  let rows: string[][];
  try {
    rows = parseCsv(csv).filter((r) => r.some((c) => c.trim() !== ''));
  } catch (err) {
    if (err instanceof CsvError) throw refusal(err.message, err.line);
    throw err;
  }
  const [header, ...body] = rows;
  if (!header || !body.length) throw refusal('a header row and at least one bin are needed', 1);
  if (body.length > MAX_ROWS) throw refusal(`at most ${MAX_ROWS} rows`, 1);
  const col = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) throw refusal(`the header lacks ${missing.join(', ')}`, 1);
  const cell = (row: string[], name: string) => {
    const i = col.get(name);
    return i === undefined ? '' : unguard(row[i] ?? '').trim();
  };
  const bins = new Map<string, PutBinRequest>();
  body.forEach((row, i) => {
    const line = i + 2;
    const parsed = PutBinRequest.safeParse({
      zone: cell(row, 'zone'),
      aisle: cell(row, 'aisle'),
      bay: cell(row, 'bay'),
      level: cell(row, 'level'),
      bin: cell(row, 'bin'),
      barcode: cell(row, 'barcode'),
      walkOrder: Number(cell(row, 'walk_order')),
    });
    if (!parsed.success) throw refusal(issuesOf(parsed.error), line);
    const code = binCodeOf(parsed.data);
    const bin = bins.get(code) ?? { ...parsed.data, stock: [] };
    if (bin.barcode !== parsed.data.barcode || bin.walkOrder !== parsed.data.walkOrder) {
      throw refusal(`bin ${code} is listed with another barcode or walk order on an earlier row`, line);
    }
    const sku = cell(row, 'sku');
    if (sku) {
      const quantity = Number(cell(row, 'quantity') || '0');
      if (!Number.isInteger(quantity) || quantity < 0 || quantity > 1_000_000 || sku.length > 64) {
        throw refusal(`sku ${sku.slice(0, 64)}: quantity must be a whole number from 0`, line);
      }
      bin.stock!.push({ sku, quantity });
    }
    bins.set(code, bin);
  });
  return bins;
}

const issuesOf = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
const refusal = (message: string, line: number) => problems.unprocessable('bin_import_invalid', `line ${line}: ${message}`, { line });
