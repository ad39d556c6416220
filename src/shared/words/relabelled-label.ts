import type { PackageRelabel } from '../sync/fulfillment-document';

/**
 * Why a label with a parcel's old SSCC must not print again, and where its new one prints: the
 * voided job's reason, the print queue's note on a printed one, and main's refusal to reprint it.
 * The new label is reprinted from the print queue of the station it printed at (the supervisor's),
 * where it is a job like any other.
 */
export function relabelledLabelWords(orderNumber: string | null, relabel: PackageRelabel): string {
  const parcel = orderNumber ? `${orderNumber}'s parcel` : 'This parcel';
  const by = relabel.by ? ` by ${relabel.by}` : ' by a supervisor';
  const where = relabel.stationName ? `the print queue at ${relabel.stationName}` : 'the print queue of the station it was relabelled at';
  return `${parcel} was relabelled with SSCC ${relabel.sscc}${by}: its old label (SSCC ${relabel.previousSscc}) must not print again; print the new label from ${where}`;
}
