import { defineMachine } from './state-machine';

export const RETURN_STATUSES = [
  'requested',
  'authorized',
  'partially_received',
  'received',
  'inspected',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const returnMachine = defineMachine<ReturnStatus>({
  entity: 'return',
  statuses: RETURN_STATUSES,
  initial: 'requested',
  transitions: {
    requested: ['authorized', 'rejected', 'cancelled'],
    authorized: ['partially_received', 'received', 'cancelled'],
    partially_received: ['partially_received', 'received'],
    received: ['inspected'],
    inspected: ['completed', 'rejected'],
    completed: [],
    rejected: [],
    cancelled: [],
  },
});

export const CONDITION_GRADES = ['new', 'like_new', 'good', 'damaged', 'defective', 'missing_parts'] as const;
export const DISPOSITIONS = ['restock', 'refurbish', 'quarantine', 'dispose', 'return_to_customer'] as const;

/** Conditions a unit cannot be sold again in: it is never restocked as sellable stock. */
export const NOT_SELLABLE_CONDITIONS: readonly (typeof CONDITION_GRADES)[number][] = ['damaged', 'defective', 'missing_parts'];

/** Why a unit in `condition` may not go where `disposition` sends it, or null when it may. */
export function dispositionRefusal(
  condition: (typeof CONDITION_GRADES)[number],
  disposition: (typeof DISPOSITIONS)[number],
): string | null {
  if (disposition !== 'restock' || !NOT_SELLABLE_CONDITIONS.includes(condition)) return null;
  return `A ${condition.replaceAll('_', ' ')} unit is not restocked as sellable stock: refurbish, quarantine, dispose of or return it`;
}
export const RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'no_longer_needed', 'size_fit', 'other'] as const;
