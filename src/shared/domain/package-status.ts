import { defineMachine } from './state-machine';

export const PACKAGE_STATUSES = [
  'packing',
  'labelled',
  'shipped',
  'in_transit',
  'delivered',
  'exception',
  'returned_to_sender',
  'voided',
] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/** A package the carrier has taken (shipped or further along): not voided, packing or only labelled. */
export const HANDED_OVER: ReadonlySet<PackageStatus> = new Set(['shipped', 'in_transit', 'delivered', 'exception', 'returned_to_sender']);

export const packageMachine = defineMachine<PackageStatus>({
  entity: 'package',
  statuses: PACKAGE_STATUSES,
  initial: 'packing',
  transitions: {
    packing: ['labelled', 'voided'],
    labelled: ['labelled', 'shipped', 'voided'],
    shipped: ['in_transit', 'delivered', 'exception', 'returned_to_sender'],
    in_transit: ['in_transit', 'delivered', 'exception', 'returned_to_sender'],
    exception: ['in_transit', 'delivered', 'returned_to_sender'],
    delivered: [],
    returned_to_sender: [],
    voided: [],
  },
});
