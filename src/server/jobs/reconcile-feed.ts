import { RECONCILE_COLUMNS, RECONCILE_MAX_ROWS } from '../../shared/api/bulk-jobs';
import type { StatusVocabulary } from '../../shared/api/status-vocabulary';
import { Problem } from '../http/problem';
import { normaliseStatus, VOCABULARIES } from '../orders/status-vocabularies';
import { CsvError, parseCsvRecords } from './csv';

/** One order of an external feed: its number there, its status there (in the feed's vocabulary) and its total in minor units. */
export interface FeedRow {
  /** The line of the file the row is on (the header is line 1). */
  row: number;
  orderNumber: string;
  status: string;
  totalMinor: number;
}

interface FeedError {
  row: number;
  /** The column's name from the header (or its position, when the header does not name it); null when the whole row is wrong. */
  column: string | null;
  message: string;
}

const MAX_LISTED_ERRORS = 20;

/**
 * Reads an external feed (CSV with a header naming order_number, status, total_minor; other
 * columns are ignored) and checks every row before a job is queued, so a bad file is refused at
 * once: 400 invalid_feed, naming the first bad row and column and listing up to 20 errors.
 */
export function parseFeed(text: string, vocabulary: StatusVocabulary): FeedRow[] {
  let records;
  try {
    records = parseCsvRecords(text);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw invalidFeed([{ row: err.line, column: `column ${err.column}`, message: err.message.replace(/^line \d+: /, '') }]);
  }
  const [header, ...data] = records;
  if (!header) throw invalidFeed([{ row: 1, column: null, message: 'the feed is empty: it needs a header row' }]);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const errors: FeedError[] = [];
  for (const column of RECONCILE_COLUMNS) {
    if (!names.includes(column)) errors.push({ row: header.line, column, message: `the header has no column ${column}` });
  }
  for (const [i, name] of names.entries()) {
    if (names.indexOf(name) !== i) errors.push({ row: header.line, column: name, message: `the header names ${name} twice` });
  }
  if (errors.length) throw invalidFeed(errors);
  if (data.length > RECONCILE_MAX_ROWS) {
    throw invalidFeed([{ row: data[RECONCILE_MAX_ROWS]!.line, column: null, message: `a feed has at most ${RECONCILE_MAX_ROWS} rows` }]);
  }

  const at = Object.fromEntries(RECONCILE_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof RECONCILE_COLUMNS)[number], number>;
  const statuses = VOCABULARIES[vocabulary].orderStatuses;
  const seen = new Map<string, number>();
  const rows: FeedRow[] = [];
  for (const { cells, line } of data) {
    if (errors.length >= MAX_LISTED_ERRORS) break;
    const fail = (column: string | null, message: string) => void errors.push({ row: line, column, message });
    if (cells.length !== names.length) {
      const column = cells.length < names.length ? names[cells.length]! : `column ${names.length + 1}`;
      fail(column, `the row has ${cells.length} cells; the header has ${names.length}`);
      continue;
    }
    const orderNumber = cells[at.order_number]!.trim();
    const status = cells[at.status]!.trim();
    const total = cells[at.total_minor]!.trim();
    if (!orderNumber || orderNumber.length > 64) fail('order_number', 'an order number is 1 to 64 characters');
    else if (seen.has(orderNumber)) fail('order_number', `${orderNumber} is also on row ${seen.get(orderNumber)}`);
    const known = normaliseStatus(vocabulary, status);
    if (!known) fail('status', `${status ? `"${status}"` : 'an empty cell'} is not a ${vocabulary} status (${statuses.join(', ')})`);
    const totalMinor = /^\d+$/.test(total) ? Number(total) : NaN;
    if (!Number.isSafeInteger(totalMinor))
      fail('total_minor', `"${total}" is not a whole, non-negative amount in minor units (12.50 is 1250)`);
    if (errors.at(-1)?.row === line) continue;
    seen.set(orderNumber, line);
    rows.push({ row: line, orderNumber, status: known!, totalMinor });
  }
  if (errors.length) throw invalidFeed(errors);
  return rows;
}

function invalidFeed(errors: FeedError[]): Problem {
  const first = errors[0]!;
  const where = first.column ? `row ${first.row}, column ${first.column}` : `row ${first.row}`;
  return new Problem(400, 'invalid_feed', 'The feed cannot be read', `${where}: ${first.message}`, {
    row: first.row,
    column: first.column,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
  });
}
