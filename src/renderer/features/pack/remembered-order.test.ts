import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenOnScreenOutcome } from '../../../shared/contract/index';
import { fulfillmentDoc, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import type { TabStorage } from '../../app/remembered-open';
import { useStation } from '../../app/station-store';
import { openStationDatabase, type StationDatabase } from '../../db/station-database';
import { rememberOpenOrders } from './remembered-order';

addRxPlugin(RxDBDevModePlugin);
const FO = fulfillmentDoc({ status: 'in_progress', claimedBy: STATION });
let db: StationDatabase | null = null;
let stop: (() => void) | null = null;
const reset = () => useStation.setState(useStation.getInitialState(), true);
beforeEach(reset);
afterEach(async () => {
  stop?.();
  stop = null;
  await db?.close();
  db = null;
  reset();
});

/** The tab's storage after a reload: the order that was open is remembered. */
function tabRemembering(id: string): TabStorage {
  const kept = new Map([[`dockside.open-order.${STATION}`, id]]);
  return { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => void kept.set(k, v), removeItem: (k) => void kept.delete(k) };
}

/** The page loads again with the order remembered, and main answers whether it may open here. */
async function reloadWith(answer: OpenOnScreenOutcome | Error) {
  db = await openStationDatabase(
    `remembered-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    {
      withBins: false,
    },
  );
  await db.fulfillment_orders.insert(FO);
  const asked: unknown[] = [];
  const client = {
    call: async (name: string, arg: unknown) => {
      asked.push([name, arg]);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as never;
  const remembered = rememberOpenOrders({ db, stationId: STATION, client }, tabRemembering(FO.id));
  stop = remembered.stop;
  await remembered.reopened;
  return asked;
}

describe('the order open before a reload', () => {
  it('opens again once main says no other screen has it', async () => {
    const asked = await reloadWith({ granted: true });
    expect(asked).toEqual([['screens.open-order', { fulfillmentOrderId: FO.id, orderNumber: FO.orderNumber }]]);
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO.id);
  });

  it('stays closed when another screen has it now (its person moved it there while this tab was gone)', async () => {
    await reloadWith({ granted: false, code: 'open_elsewhere', message: 'open at your other screen' });
    expect(useStation.getState().openFulfillmentOrderId).toBeNull();
  });

  it('opens again when main does not answer, as a scan of it would', async () => {
    await reloadWith(new Error('the station service is not answering'));
    expect(useStation.getState().openFulfillmentOrderId).toBe(FO.id);
  });
});
