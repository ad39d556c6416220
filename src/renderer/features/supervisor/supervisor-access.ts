import type { StationPeople } from '../../../shared/contract/index';

/** The Supervisor screen is for a supervisor or an admin signed in here (main enforces it too, and the server after it). */
export function maySupervise(people: StationPeople | null): boolean {
  const role = people?.signedIn?.role;
  return role === 'supervisor' || role === 'admin';
}
