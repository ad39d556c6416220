import type { z } from 'zod';
import { HandlerError } from '../../shared/contract/dispatch';

/** Where the server's answer first departs from its schema. */
export interface ResponseMismatch {
  route: string;
  /** The first bad field, as a dotted path ('' for the answer as a whole). */
  field: string;
  problem: string;
}

/** What staff read when the server's answer cannot be read; the route and field are for support (the details). */
export const SERVER_ANSWER_UNREADABLE =
  'The server answered something this station cannot read: it may run a newer or older version; ask an admin to update';

/**
 * The server answered a route with something other than what the shared schema says it sends
 * (a server of another version, a proxy's page): the station refuses it rather than act on it.
 */
export class ServerResponseInvalid extends HandlerError {
  static readonly CODE = 'server_response_invalid';

  private constructor(readonly mismatch: ResponseMismatch) {
    const where = mismatch.field ? `at ${mismatch.field}` : 'as a whole';
    const technical = `The server's answer to ${mismatch.route} is not what this station expects ${where}: ${mismatch.problem}`;
    super(ServerResponseInvalid.CODE, SERVER_ANSWER_UNREADABLE, 502, { ...mismatch, technical });
  }

  /** The route, field and problem, for support (the sync bar's tooltip, the error's details). */
  get technical(): string {
    return (this.details as { technical: string }).technical;
  }

  static of(route: string, error: z.ZodError): ServerResponseInvalid {
    const first = error.issues[0];
    return new ServerResponseInvalid({
      route,
      field: first ? first.path.map(String).join('.') : '',
      problem: first?.message ?? 'unreadable',
    });
  }

  static notJson(route: string, text: string): ServerResponseInvalid {
    return new ServerResponseInvalid({ route, field: '', problem: `not JSON (${JSON.stringify(text.slice(0, 60))})` });
  }
}
