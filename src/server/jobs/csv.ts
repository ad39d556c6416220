/** RFC 4180 CSV: quoted when needed, CRLF rows, and formula-injection safe for spreadsheets. */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  // A text cell starting like a formula is shown as text by spreadsheets when prefixed with '.
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Undoes csvCell's formula guard on import. */
export function unguard(s: string): string {
  return s.length > 1 && s[0] === "'" && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** The cell's position in its row, from 1. */
    readonly column: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** A CSV record and the line of the file it starts on (a quoted cell can span lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** Parses CSV text into rows of cells (a UTF-8 BOM and a trailing newline are fine). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.cells);
}

/** parseCsv, with each record's line; blank lines are skipped. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const rows: CsvRecord[] = [];
  let row: string[] = [];
  let cell = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let cellStarted = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      if (cellStarted && cell.length) throw new CsvError('a quote inside an unquoted cell', line, row.length + 1);
      quoted = true;
      cellStarted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      cellStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push({ cells: row, line: rowLine });
      row = [];
      cell = '';
      cellStarted = false;
      line++;
      rowLine = line;
    } else {
      cell += c;
      cellStarted = true;
    }
  }
  if (quoted) throw new CsvError('a quoted cell is not closed', rowLine, row.length + 1);
  if (cellStarted || row.length) {
    row.push(cell);
    rows.push({ cells: row, line: rowLine });
  }
  return rows.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
}
