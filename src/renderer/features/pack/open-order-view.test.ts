import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fulfillmentDoc, LINE_A, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import { openStationDatabase, type StationDatabase } from '../../db/station-database';
import type { OutboxDocument } from '../../db/schemas';
import { createOpenOrderView } from './open-order-view';

// Dev-mode checks every write against the schema, as the other database tests do.
addRxPlugin(RxDBDevModePlugin);
const FO = fulfillmentDoc({ status: 'in_progress', claimedBy: STATION });
let db: StationDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

function verified(seq: number): OutboxDocument {
  return {
    id: crypto.randomUUID(),
    seq,
    stationId: STATION,
    type: 'item-verified',
    fulfillmentOrderId: FO.id,
    orderId: FO.orderId,
    subjectId: FO.id,
    actor: { kind: 'station', id: STATION },
    occurredAt: '2026-11-22T09:00:00.000Z',
    payload: { lineId: LINE_A, barcode: '111', quantity: 1 },
    state: 'pending',
    outcomeCode: null,
    outcomeMessage: null,
    ackedAt: null,
  } as OutboxDocument;
}

describe('the open order in memory', () => {
  it('shows a scan at once, and does not show it again when its own write arrives from the database', async () => {
    db = await openStationDatabase(
      `open-view-${crypto.randomUUID().slice(0, 8)}`,
      wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      { withBins: false },
    );
    await db.fulfillment_orders.insert(FO);
    const view = createOpenOrderView(db, STATION);
    await view.viewOf(FO.id);
    let shown = 0;
    view.subscribe(() => (shown += 1));
    const verifiedNow = () => view.snapshot().view!.doc.lines.find((l) => l.lineId === LINE_A)!.verified;

    const scan = verified(1);
    view.recorded(scan);
    expect(shown).toBe(1);
    expect(verifiedNow()).toBe(1);

    // The write lands: the same events, the same view, nothing to paint again.
    await db.outbox.insert(scan);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown).toBe(1);

    // The server's answer changes the event's state, and a pull the document: each is shown.
    await (await db.outbox.findOne(scan.id).exec())!.incrementalPatch({ state: 'applied', ackedAt: '2026-11-22T09:00:01.000Z' });
    await vi.waitFor(() => expect(shown).toBe(2));
    await (await db.fulfillment_orders.findOne(FO.id).exec())!.incrementalPatch({ customerName: 'Ada Lovelace' });
    await vi.waitFor(() => expect(shown).toBe(3));
    expect(view.snapshot().view!.doc.customerName).toBe('Ada Lovelace');
    view.stop();
  });
});
