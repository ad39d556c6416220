import { csvRow } from './csv';
import type { JobRow } from './jobs';

/** A report's CSV columns and the field of each line they come from. */
const COLUMNS: Record<'bulk-status' | 'reconcile', [column: string, field: string][]> = {
  'bulk-status': [
    ['order', 'order'],
    ['order_id', 'orderId'],
    ['order_number', 'orderNumber'],
    ['outcome', 'outcome'],
    ['status_before', 'statusBefore'],
    ['status_after', 'statusAfter'],
    ['code', 'code'],
    ['message', 'message'],
  ],
  reconcile: [
    ['kind', 'kind'],
    ['order_number', 'orderNumber'],
    ['order_id', 'orderId'],
    ['feed_row', 'feedRow'],
    ['our_status', 'ourStatus'],
    ['feed_status', 'feedStatus'],
    ['our_total_minor', 'ourTotalMinor'],
    ['feed_total_minor', 'feedTotalMinor'],
    ['currency', 'currency'],
  ],
};

/**
 * A finished report (the NDJSON lines a bulk job wrote, chunk by chunk) as CSV, one row per line,
 * or as JSON: { jobId, kind, result, rows: [...] }. Streams; a line is never held past its chunk.
 */
export async function* reportText(job: JobRow, format: 'csv' | 'json', chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const columns = COLUMNS[job.kind as 'bulk-status' | 'reconcile'];
  let first = true;
  yield format === 'csv'
    ? csvRow(columns.map(([c]) => c))
    : `{"jobId":${JSON.stringify(job.id)},"kind":${JSON.stringify(job.kind)},"result":${JSON.stringify(job.result)},"rows":[`;
  let carry = '';
  for await (const chunk of chunks) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    let out = '';
    for (const line of lines) {
      if (!line) continue;
      if (format === 'csv') {
        const row = JSON.parse(line) as Record<string, unknown>;
        out += csvRow(columns.map(([, field]) => row[field]));
      } else {
        out += first ? line : `,${line}`;
        first = false;
      }
    }
    if (out) yield out;
  }
  if (format === 'json') yield ']}';
}
