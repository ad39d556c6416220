import type { z } from 'zod';
import { HandlerError } from '../../shared/contract/dispatch';

/** Where the server's answer first departs from its schema. */
export interface ResponseMismatch {
  route: string;
  /** The first bad field, as a dotted path ('' for the answer as a whole). */
  field: string;
  problem: string;
}

/**
 * The server answered a route with something other than what the shared schema says it sends
 * (a server of another version, a proxy's page): the station refuses it rather than act on it.
 */
export class ServerResponseInvalid extends HandlerError {
  static readonly CODE = 'server_response_invalid';

  private constructor(readonly mismatch: ResponseMismatch) {
    const where = mismatch.field ? `at ${mismatch.field}` : 'as a whole';
    super(
      ServerResponseInvalid.CODE,
      `The server's answer to ${mismatch.route} is not what this station expects ${where}: ${mismatch.problem}. The server may run another version.`,
      502,
      mismatch,
    );
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
