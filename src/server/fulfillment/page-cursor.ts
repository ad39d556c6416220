import { problems } from '../http/problem';

/** Keyset pagination on (created_at, id): stable under inserts, opaque to clients. */
export interface PageKey {
  createdAt: string;
  id: string;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): PageKey | null {
  if (!cursor) return null;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id))
      throw new Error('shape');
    return { createdAt, id };
  } catch {
    throw problems.unprocessable('cursor_invalid', 'the cursor is not one this server issued');
  }
}

/** Given limit+1 rows, the page and the cursor for the next one. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => PageKey): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? encodeCursor(keyOf(data[data.length - 1]!)) : null };
}
