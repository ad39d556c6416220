import { expect } from '@playwright/test';
import type { ApiClient } from '../../src/server/testing/api-client';

/** Someone who signs in at the station with a PIN. */
export interface FloorPerson {
  name: string;
  role: 'packer' | 'supervisor' | 'returns' | 'admin';
  pin: string;
}

export interface FloorSetup {
  warehouseId: string;
  stationId: string;
  /** The station's one-time code, for the page to enroll with. */
  enrollmentCode: string;
  /** Each person's user id, by name. */
  userIds: Record<string, string>;
}

/**
 * What most specs start from, made through the server's API as an admin would: a warehouse with
 * each SKU on hand, a station registered to it, and the people who sign in there. Each call is
 * checked, so a spec that fails here says which step did.
 */
export async function floorSetup(
  api: ApiClient,
  floor: {
    warehouse: { code: string; name: string; address?: Record<string, string> };
    stock: Record<string, number>;
    station: string;
    people?: readonly FloorPerson[];
  },
): Promise<FloorSetup> {
  const wh = await api('POST', '/v1/warehouses', { body: { ...floor.warehouse, priority: 1 } });
  expect(wh.status, `warehouse ${floor.warehouse.code}`).toBe(201);
  const warehouseId = wh.body.id as string;
  for (const [sku, onHand] of Object.entries(floor.stock))
    expect((await api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand } })).status, `stock of ${sku}`).toBe(200);
  const registered = await api('POST', '/v1/stations', { body: { name: floor.station, warehouseId } });
  expect(registered.status, `station ${floor.station}`).toBe(201);
  const userIds: Record<string, string> = {};
  for (const person of floor.people ?? []) {
    const user = await api('POST', '/v1/users', { body: { ...person, warehouseId } });
    expect(user.status, `user ${person.name}`).toBe(201);
    userIds[person.name] = user.body.id as string;
  }
  return { warehouseId, stationId: registered.body.id as string, enrollmentCode: registered.body.enrollmentCode as string, userIds };
}
