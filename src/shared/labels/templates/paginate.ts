/** Splits rows over pages: the first page has room for fewer rows (it carries the header). */
export function paginate<T>(rows: T[], firstPageRows: number, otherPageRows: number): T[][] {
  const pages: T[][] = [rows.slice(0, firstPageRows)];
  for (let i = firstPageRows; i < rows.length; i += otherPageRows) pages.push(rows.slice(i, i + otherPageRows));
  return pages;
}
