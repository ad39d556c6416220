import { describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import { technicalOf } from '../carriers/carrier-refusal';
import { createDeskPrints, type DeskPrintsOptions } from './desk-prints';
import { ServerResponseInvalid } from './server-response-invalid';

/** Only what the refusal reads: an online link and a warehouse with no carrier account. */
function withoutCarriers(): DeskPrintsOptions {
  return {
    link: { state: () => ({ online: true }) },
    carriers: { state: () => ({ config: { accounts: [] } }) },
    identity: () => ({ warehouseId: crypto.randomUUID() }),
    signedIn: () => null,
    returnLabelPrinter: () => undefined,
  } as unknown as DeskPrintsOptions;
}

describe('return labels from the desk', () => {
  it('says in words that the warehouse has no carrier and who sets one up, keeping the route for support', async () => {
    const desk = createDeskPrints(withoutCarriers());
    const refused = await desk['returns.print-return-label']({ returnId: crypto.randomUUID() }, { deviceId: 'desk' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(HandlerError);
    const error = refused as HandlerError;
    expect(error.code).toBe('carrier_not_configured');
    expect(error.message).toBe(
      'No return label can be made here: this warehouse has no carrier set up yet. Ask an admin to add a carrier account for it',
    );
    expect(error.message).not.toMatch(/POST|\/v1\//);
    expect(error.details).toEqual({ adminRoute: 'POST /v1/carrier-accounts' });
  });
});

describe('a carrier that fails a return label', () => {
  /** An online link whose server passes on the carrier API's failure, as server-request.ts makes it. */
  function withFailingCarrier(error: HandlerError): DeskPrintsOptions {
    return {
      link: {
        state: () => ({ online: true }),
        request: async () => {
          throw error;
        },
      },
      carriers: { state: () => ({ config: { accounts: [{ id: crypto.randomUUID(), services: [{ code: 'Ground' }] }] } }) },
      identity: () => ({ warehouseId: crypto.randomUUID() }),
      signedIn: () => null,
      returnLabelPrinter: () => undefined,
    } as unknown as DeskPrintsOptions;
  }
  const refusalOf = (options: DeskPrintsOptions): Promise<HandlerError> =>
    createDeskPrints(options)
      ['returns.print-return-label']({ returnId: crypto.randomUUID() }, { deviceId: 'desk' })
      .then(
        () => Promise.reject(new Error('a return label was made')),
        (e: unknown) => e as HandlerError,
      );

  it('says what happened and what to do, the carrier API’s status line and the server’s answer only for support', async () => {
    const error = await refusalOf(withFailingCarrier(new HandlerError('carrier_failed', 'the carrier API answered 500', 502)));
    expect(error.code).toBe('carrier_failed');
    expect(error.message).toBe("the carrier's system failed: try again in a few minutes, or choose another carrier");
    expect(error.details).toEqual({ technical: 'the carrier API answered 500' });

    const unread = await refusalOf(
      withFailingCarrier(
        new HandlerError(
          'server_response_invalid',
          "The server's answer to POST /v1/returns/x/return-label is not what this station expects",
          502,
        ),
      ),
    );
    expect(unread.message).not.toMatch(/POST|\/v1\//);
    expect(technicalOf(unread)).toMatch(/POST \/v1\/returns/);

    // As the link makes it: its words for staff, the route its technical account.
    const proxyPage = await refusalOf(withFailingCarrier(ServerResponseInvalid.notJson('POST /v1/returns/x/return-label', '<html>')));
    expect(proxyPage.message).not.toMatch(/POST|\/v1\//);
    expect(technicalOf(proxyPage)).toMatch(/POST \/v1\/returns\/x\/return-label .*not JSON/);
  });

  it('keeps a refusal already in words (the parcel must be weighed) as it is', async () => {
    const weigh = new HandlerError('weight_required', 'weigh the package first: a carrier rates by weight', 422);
    expect(await refusalOf(withFailingCarrier(weigh))).toBe(weigh);
  });
});
