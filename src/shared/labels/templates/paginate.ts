/**
 * Splits rows of different heights over pages of `firstPageRoom` then `otherPageRoom` points, and
 * keeps `lastPageReserve` points free on the last page (for totals or a QR code): when the rows leave
 * less than that, the reserve goes on a page of its own.
 */
export function paginateByHeight<T>(
  rows: T[],
  heightOf: (row: T) => number,
  rooms: { first: number; other: number; lastPageReserve: number },
): T[][] {
  const pages: T[][] = [[]];
  let used = 0;
  for (const row of rows) {
    const room = pages.length === 1 ? rooms.first : rooms.other;
    const h = heightOf(row);
    if (used + h > room && pages.at(-1)!.length > 0) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(row);
    used += h;
  }
  if (used + rooms.lastPageReserve > (pages.length === 1 ? rooms.first : rooms.other)) pages.push([]);
  return pages;
}
