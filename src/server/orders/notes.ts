import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { qb, runQuery } from '../db/query-builder';
import { toIso } from '../db/database';
import { appendTimeline } from '../timeline/timeline';

export interface NoteView {
  id: string;
  orderId: string;
  visibility: 'internal' | 'public';
  text: string;
  author: Actor;
  createdAt: string;
}

/** Notes are their own records (the order document does not change), each also on the timeline. */
export async function addNote(
  tx: Queryable,
  orderId: string,
  input: { text: string; visibility: 'internal' | 'public' },
  actor: Actor,
): Promise<NoteView> {
  const note: NoteView = {
    id: crypto.randomUUID(),
    orderId,
    visibility: input.visibility,
    text: input.text,
    author: actor,
    createdAt: new Date().toISOString(),
  };
  await tx.query('insert into order_notes (id, order_id, visibility, text, author, created_at) values ($1,$2,$3,$4,$5,$6)', [
    note.id,
    orderId,
    note.visibility,
    note.text,
    JSON.stringify(actor),
    note.createdAt,
  ]);
  await appendTimeline(tx, {
    type: 'note-added',
    orderId,
    entityIds: { noteId: note.id },
    payload: { visibility: note.visibility, text: note.text },
    actor,
    occurredAt: note.createdAt,
  });
  return note;
}

export async function notesOf(q: Queryable, orderId: string, visibility?: 'internal' | 'public'): Promise<NoteView[]> {
  const rows = await runQuery(
    q,
    qb
      .selectFrom('order_notes')
      .selectAll()
      .where('order_id', '=', orderId)
      .$if(!!visibility, (s) => s.where('visibility', '=', visibility!))
      .orderBy('created_at')
      .orderBy('id'),
  );
  return rows.map((r) => ({
    id: r.id as string,
    orderId: r.order_id as string,
    visibility: r.visibility as NoteView['visibility'],
    text: r.text as string,
    author: r.author as Actor,
    createdAt: toIso(r.created_at),
  }));
}
