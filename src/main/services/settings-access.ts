import { HandlerError } from '../../shared/contract/dispatch';
import { mayChangeSettings, type PrintJob, type StationPeople } from '../../shared/contract/index';
import { answerRefusal, reprintRefusal } from '../../shared/contract/printing';

/** Refuses a settings change from a device where no supervisor or admin is signed in (see mayChangeSettings). */
export function checkMayChangeSettings(people: StationPeople): void {
  if (mayChangeSettings(people)) return;
  const who = people.signedIn;
  throw new HandlerError(
    'supervisor_sign_in_required',
    who
      ? `${who.name} is a ${who.role}: printers and station settings are changed by a supervisor or admin`
      : 'Sign in as a supervisor to change the station settings',
    403,
  );
}

/** Refuses a packer reprinting or moving a label someone else printed (see reprintRefusal). */
export function checkMayReprint(job: PrintJob, people: StationPeople): void {
  const refusal = reprintRefusal(job, people);
  if (refusal) throw new HandlerError(refusal.code, refusal.message, 403);
}

/** Refuses a packer answering "Did it print?" about a label someone else printed (see answerRefusal). */
export function checkMayAnswer(job: PrintJob, people: StationPeople): void {
  const refusal = answerRefusal(job, people);
  if (refusal) throw new HandlerError(refusal.code, refusal.message, 403);
}
