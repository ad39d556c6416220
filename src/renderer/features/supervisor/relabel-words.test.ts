import { describe, expect, it } from 'vitest';
import type { SupervisorRelabel, SupervisorTask } from '../../../shared/contract/index';
import { relabelButtonText, relabelOutcome } from './relabel-words';

const task = { id: 't', parcelsToRelabel: [] } as unknown as SupervisorTask;
const relabelled: SupervisorRelabel = {
  task,
  orderNumber: 'ORD-1042',
  previousSscc: '006141410000000012',
  sscc: '006141415000000017',
  printerName: 'Desk Zebra',
  printProblem: null,
};

describe('relabelling a parcel that shares its SSCC', () => {
  it('offers one button per parcel, telling two boxes of one order apart', () => {
    const parcels = [
      { packageId: 'a', orderNumber: 'ORD-1042' },
      { packageId: 'b', orderNumber: 'ORD-1043' },
    ];
    expect(parcels.map((p) => relabelButtonText(p, parcels))).toEqual(["Relabel ORD-1042's parcel", "Relabel ORD-1043's parcel"]);
    const boxes = [parcels[0]!, { packageId: 'c', orderNumber: 'ORD-1042' }];
    expect(boxes.map((p) => relabelButtonText(p, boxes))).toEqual([
      "Relabel ORD-1042's parcel (box 1)",
      "Relabel ORD-1042's parcel (box 2)",
    ]);
  });

  it('says the new SSCC, the printer its label is on here and to stick it over the old one', () => {
    expect(relabelOutcome(relabelled)).toEqual({
      kind: 'success',
      text: "ORD-1042's parcel has a new SSCC 006141415000000017: its label is printing on Desk Zebra. Stick it over the old label (SSCC 006141410000000012)",
    });
  });

  it('says it as an error when the label could not be printed: the parcel must not ship with its old label', () => {
    const outcome = relabelOutcome({ ...relabelled, printerName: null, printProblem: 'could not render shipping-label for Desk Zebra' });
    expect(outcome.kind).toBe('error');
    expect(outcome.text).toBe(
      "ORD-1042's parcel has a new SSCC 006141415000000017, but its label could not be printed here (could not render shipping-label for Desk Zebra): keep the parcel back, as its old label (SSCC 006141410000000012) is wrong now, and tell support its new SSCC",
    );
  });
});
