import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchTaskList } from '../../src/renderer/features/supervisor/live-task-list';
import type { StationClient } from '../../src/renderer/station-client/index';
import type { StationEventName, SupervisorTask } from '../../src/shared/contract/index';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import { stationEventsOf } from '../../src/server/testing/station-events';
import { sampleOrder } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';
import { callMain } from '../support/main-call';
import { startSupervisorDesk, type SupervisorDesk } from '../support/supervisor-harness';

/**
 * The supervisor desk's tasks as they change on the server: the list follows a task opened,
 * joined by a station's later push and resolved elsewhere without a reload (the live stream,
 * to the supervisor's device only), and a task that changed after the desk showed it is not
 * resolved as shown: it is refused in words, and resolved once read again.
 */
let desk: SupervisorDesk;
const HANDHELD = { deviceId: crypto.randomUUID() };
const packing = stationEventsOf(() => desk.warehouse.stationId);

beforeAll(async () => {
  desk = await startSupervisorDesk({
    warehouse: 'LT-LON',
    people: {
      sam: { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
      priya: { name: 'Priya Packer', role: 'packer', pin: '4825' },
    },
  });
  await desk.call('station.sign-in', { userId: desk.users.sam, pin: '7391' });
  await desk.call('station.sign-in', { userId: desk.users.priya, pin: '4825' }, HANDHELD);
});
afterAll(async () => {
  await desk?.close();
});

/** The renderer's client on a device: calls and main's pushes to that device. */
function clientOf(caller: { deviceId: string }): Pick<StationClient, 'call' | 'listen'> {
  return {
    call: callMain(() => desk.services, caller),
    listen: (name, callback) =>
      desk.services.events.subscribe(caller.deviceId, (n, payload) => n === name && (callback as (p: unknown) => void)(payload)),
  };
}

/** An order cancelled before the packing station heard, and its offline scans of a mug, pushed one push at a time. */
async function cancelledOrderScanned() {
  const created = await desk.t.api('POST', '/v1/orders', { body: sampleOrder() });
  const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  await desk.t.api('POST', `/v1/orders/${doc.orderId}/cancel`, { body: { reason: 'customer changed mind' } });
  const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
  const scan = async () => {
    const event = packing.event(doc, 'item-verified', { lineId: mug.lineId, barcode: '5012345678900', quantity: 1 });
    const pushed = await desk.t.api('POST', '/v1/sync/push', { token: desk.warehouse.stationToken, body: { events: [event] } });
    expect(pushed.body.outcomes[0]).toMatchObject({ outcome: 'conflicted' });
  };
  return { orderId: doc.orderId, number: created.body.number as string, scan };
}

describe("the supervisor desk's tasks as they change", () => {
  it('lists a task opened, joined and resolved elsewhere as it happens, on the supervisor’s device only', async () => {
    const heardAtHandheld: StationEventName[] = [];
    const unlisten = desk.services.events.subscribe(HANDHELD.deviceId, (name) => void heardAtHandheld.push(name));
    let shown: SupervisorTask[] = [];
    const stop = watchTaskList(clientOf(desk.device), (tasks) => (shown = tasks));
    try {
      const order = await cancelledOrderScanned();
      await order.scan();
      const opened = await eventually('the new task listed', () => shown.find((x) => x.orderId === order.orderId));
      expect(opened.title).toMatch(/^.+: 1 × Enamel mug \(SKU-MUG\) was scanned at Pack 1 LT-LON while the order was cancelled/);

      await order.scan();
      await eventually('the joined task retitled', () => shown.find((x) => x.orderId === order.orderId)?.title.includes('2 × Enamel mug'));

      const resolved = await desk.t.api('PATCH', `/v1/orders/tasks/${opened.id}`, {
        body: { status: 'done', note: 'restocked at the office' },
      });
      expect(resolved.status).toBe(200);
      await eventually('the resolved task gone', () => !shown.some((x) => x.id === opened.id));

      // The packer's handheld follows the stream's replication, never the tasks.
      expect(heardAtHandheld).toContain('sync.stream');
      expect(heardAtHandheld).not.toContain('supervisor.tasks-changed');
    } finally {
      stop();
      unlisten();
    }
  });

  it('refuses, in words, to resolve a task more events joined after the desk showed it; read again, it resolves', async () => {
    const order = await cancelledOrderScanned();
    await order.scan();
    const taskOf = async () => ((await desk.call('supervisor.tasks')) as SupervisorTask[]).find((x) => x.orderId === order.orderId)!;
    const shown = await taskOf();
    await order.scan();

    const resolve = clientOf(desk.device).call;
    const joinedTitle = `${order.number}: 2 × Enamel mug (SKU-MUG) were scanned at Pack 1 LT-LON while the order was cancelled. Restock the items`;
    await expect(
      resolve('supervisor.resolve-task', { taskId: shown.id, version: shown.version, note: 'restocked one' }),
    ).rejects.toMatchObject({
      code: 'version_mismatch',
      message: `This task changed after it was shown to you. It now reads: "${joinedTitle}". Read it again before you resolve it`,
    });
    const reloaded = await taskOf();
    expect(reloaded).toMatchObject({ id: shown.id, status: 'open', title: joinedTitle });
    expect(reloaded.version).toBeGreaterThan(shown.version);

    expect(await resolve('supervisor.resolve-task', { taskId: shown.id, version: reloaded.version, note: 'restocked both' })).toMatchObject(
      {
        status: 'done',
      },
    );
  });
});
