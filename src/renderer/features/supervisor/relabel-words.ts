import type { SupervisorRelabel, SupervisorTask } from '../../../shared/contract/index';

type Parcel = SupervisorTask['parcelsToRelabel'][number];

/** The button of one parcel a duplicate-sscc task names. */
export function relabelButtonText(parcel: Parcel, parcels: readonly Parcel[]): string {
  // Two parcels of one order (a box labelled twice): the order number alone does not tell them apart.
  const sameOrder = parcels.filter((p) => p.orderNumber === parcel.orderNumber);
  const which = sameOrder.length > 1 ? ` (box ${sameOrder.indexOf(parcel) + 1})` : '';
  return `Relabel ${parcel.orderNumber}'s parcel${which}`;
}

/**
 * What the supervisor is told after a relabel: the new SSCC and where its label is printing, and
 * to stick it over the old one; said as an error (with its sound) when the label could not be
 * queued here, since the parcel has its new SSCC on the server either way and still carries the old label.
 */
export function relabelOutcome(r: SupervisorRelabel): { kind: 'success' | 'error'; text: string } {
  const parcel = `${r.orderNumber}'s parcel has a new SSCC ${r.sscc}`;
  if (r.printerName)
    return {
      kind: 'success',
      text: `${parcel}: its label is printing on ${r.printerName}. Stick it over the old label (SSCC ${r.previousSscc})`,
    };
  return {
    kind: 'error',
    text: `${parcel}, but its label could not be printed here (${r.printProblem ?? 'no printer answered'}): keep the parcel back, as its old label (SSCC ${r.previousSscc}) is wrong now, and tell support its new SSCC`,
  };
}
