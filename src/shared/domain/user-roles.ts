import type { StationEventType } from '../events/station-events';

/** The people who work at stations. API keys and integrators are not users. */
export const USER_ROLES = ['admin', 'supervisor', 'packer', 'returns'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Who may record each station event. The server checks it on every pushed event; the station
 * checks it before recording, so a person is told at once rather than flagged later.
 * Picking and packing work is for packers (who pick too), returns-desk work for returns clerks; supervisors and admins do both.
 */
const PACKING_ROLES: readonly UserRole[] = ['packer', 'supervisor', 'admin'];
const RETURNS_ROLES: readonly UserRole[] = ['returns', 'supervisor', 'admin'];
export const ROLES_BY_EVENT: Readonly<Record<StationEventType, readonly UserRole[]>> = {
  'fulfillment-order-claimed': PACKING_ROLES,
  'item-picked': PACKING_ROLES,
  'pick-shorted': PACKING_ROLES,
  'item-verified': PACKING_ROLES,
  'package-created': PACKING_ROLES,
  'label-printed': PACKING_ROLES,
  'package-shipped': PACKING_ROLES,
  'package-voided': PACKING_ROLES,
  'return-units-received': RETURNS_ROLES,
  'return-unit-inspected': RETURNS_ROLES,
  'return-unit-regraded': RETURNS_ROLES,
  'return-inspection-completed': RETURNS_ROLES,
};

export function mayRecord(role: UserRole, type: StationEventType): boolean {
  return ROLES_BY_EVENT[type].includes(role);
}
