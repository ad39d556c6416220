import type { PickListData } from '../../../shared/labels/label-data';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { PickPlan } from './pick-controller';
import { randomUuid } from '../../../shared/random-uuid';

/** The cart's path on paper, in walk order: one line per stop (bin, quantity, SKU, item, order and tote). */
export function pickListOf(plan: PickPlan, picker: string | undefined, now = new Date()): PickListData | null {
  if (!plan.stops.length) return null;
  const stamp = now.toISOString();
  return {
    pickListId: `PL-${stamp.slice(0, 19).replace(/\D/g, '')}`,
    createdAt: stamp.slice(0, 16).replace('T', ' '),
    ...(picker ? { picker } : {}),
    lines: plan.stops.map((s, i) => ({
      location: s.bin?.code ?? 'NO BIN',
      walkOrder: i,
      sku: s.sku,
      name: `${s.name} → ${s.tote}`,
      quantity: s.quantity,
      orderNumber: s.orderNumber,
    })),
  };
}

/** Prints through the station's print queue (route for the pick-list template); the job waits there if the printer is off. */
export async function printPickList(rt: StationRuntime, plan: PickPlan, picker: string | undefined): Promise<void> {
  const data = pickListOf(plan, picker);
  const { say } = useStation.getState();
  if (!data) return say('info', 'Nothing left to pick on this cart');
  try {
    const job = await rt.client.call('printing.print', { template: 'pick-list', data, jobId: randomUuid() });
    useStation.getState().upsertJob(job);
    say('success', `Pick list ${data.pickListId} sent to ${job.printerName}`, 'success');
  } catch (err) {
    say('error', `The pick list did not print: ${(err as Error).message}`);
  }
}
