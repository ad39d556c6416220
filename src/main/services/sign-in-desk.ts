import { HandlerError } from '../../shared/contract/dispatch';
import type { Caller, PairingCode, SignInLockout, StationUser } from '../../shared/contract/index';
import type { DevicePairing } from './device-pairing';
import type { StationPeopleService } from './station-people';

type Handler<I, O> = (input: I, caller: Caller) => Promise<O>;

const SUPERVISING_ROLES: readonly StationUser['role'][] = ['supervisor', 'admin'];

/**
 * Who may use this station, decided here and offline: a supervisor sees and clears sign-in locks
 * and reads the code that pairs a handheld; anyone at the device can say they are still there.
 */
export function createSignInDesk({ people, pairing }: { people: StationPeopleService; pairing: DevicePairing }) {
  function supervisorAt(deviceId: string): StationUser {
    const who = people.people(deviceId).signedIn;
    if (!who || !SUPERVISING_ROLES.includes(who.role)) {
      throw new HandlerError(
        'supervisor_sign_in_required',
        who ? `${who.name} is a ${who.role}: this needs a supervisor or admin signed in` : 'Sign in as a supervisor to do this',
        403,
      );
    }
    return who;
  }

  const stillHere: Handler<undefined, null> = async () => null;
  const lockouts: Handler<undefined, SignInLockout[]> = async (_, { deviceId }) => {
    supervisorAt(deviceId);
    return people.lockouts();
  };
  const clearLockout: Handler<{ key: string }, SignInLockout[]> = async ({ key }, { deviceId }) => {
    supervisorAt(deviceId);
    if (!people.clearLockout(key))
      throw new HandlerError('lockout_not_found', 'Nobody is locked out under that key (it may have been cleared already).', 404);
    return people.lockouts();
  };
  const pairingCode: Handler<undefined, PairingCode> = async (_, { deviceId }) => {
    supervisorAt(deviceId);
    return pairing.current();
  };
  return {
    'station.still-here': stillHere,
    'station.sign-in-lockouts': lockouts,
    'station.clear-sign-in-lockout': clearLockout,
    'station.pairing-code': pairingCode,
  };
}
