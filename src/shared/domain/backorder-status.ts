import { defineMachine } from './state-machine';

export const BACKORDER_STATUSES = ['waiting', 'allocated', 'released', 'reassigned', 'cancelled'] as const;
export type BackorderStatus = (typeof BACKORDER_STATUSES)[number];

export const backorderMachine = defineMachine<BackorderStatus>({
  entity: 'backorder',
  statuses: BACKORDER_STATUSES,
  initial: 'waiting',
  transitions: {
    waiting: ['allocated', 'reassigned', 'cancelled'],
    allocated: ['released', 'waiting', 'cancelled'],
    released: [],
    reassigned: [],
    cancelled: [],
  },
});
