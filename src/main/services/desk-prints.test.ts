import { describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import { createDeskPrints, type DeskPrintsOptions } from './desk-prints';

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
