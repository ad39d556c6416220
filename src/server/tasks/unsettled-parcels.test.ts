import { afterAll, beforeAll, expect, it } from 'vitest';
import { hasShipmentToAccept } from '../../shared/api/tasks';
import { TASK_STATUSES } from '../../shared/api/order-commands';
import { startTestServer, type TestServer } from '../testing/test-server';
import { UNSETTLED_PARCEL_TASK } from './unsettled-parcels';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

// The rule "an open conflict about a shipped parcel" is written twice: in TypeScript (the
// supervisor's Accept button) and in SQL (claims and the pool skip such orders). They must agree.
const details: Record<string, unknown>[] = [
  { eventTypes: ['package-shipped'] },
  { eventTypes: ['item-verified', 'package-shipped'], code: 'fulfillment_order_not_claimed' },
  { eventTypes: ['package-shipped'], code: 'actor_not_authorized' },
  { eventTypes: ['package-shipped'], code: null },
  { eventTypes: ['item-verified'] },
  { eventTypes: 'package-shipped' },
  { eventTypes: [] },
  {},
];

it('the SQL rule for an unsettled parcel picks exactly the tasks hasShipmentToAccept does, while open', async () => {
  const cases = ['sync-conflict', 'review', 'reprint'].flatMap((kind) =>
    TASK_STATUSES.flatMap((status) => details.map((detail) => ({ kind, status, detail }))),
  );
  const rows = await t.server.db.query<{ i: number; hit: boolean }>(
    // In a where clause an unknown (null) answer is a no, as it is here.
    `select (c ->> 'i')::int as i, coalesce((${UNSETTLED_PARCEL_TASK}), false) as hit
       from jsonb_array_elements($1::jsonb) as c,
            lateral (select c ->> 'kind' as kind, c ->> 'status' as status, c -> 'detail' as detail) as t
      order by 1`,
    [JSON.stringify(cases.map((c, i) => ({ ...c, i })))],
  );
  const expected = cases.map((c) => hasShipmentToAccept(c) && (c.status === 'open' || c.status === 'in_progress'));
  expect(rows.map((r) => r.hit)).toEqual(expected);
  // Not vacuous: three details are an unsettled parcel, on an open or in-progress sync conflict.
  expect(expected.filter(Boolean)).toHaveLength(3 * 2);
});
