import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/contract/index';
import { createLinkStatus } from './server-link-status';

describe('the link status', () => {
  it('keeps a revoked station offline when an answer still in flight arrives after the revocation', () => {
    const told: ConnectionState[] = [];
    const status = createLinkStatus((state) => told.push(state));
    status.contact();
    expect(status.current()).toMatchObject({ online: true, revoked: null });

    // The live stream hears the revocation; a request sent before it is answered afterwards.
    status.markRevoked('revoked by an admin');
    status.contact();
    expect(status.current()).toMatchObject({ online: false, revoked: { detail: 'revoked by an admin' } });
    expect(told.at(-1)).toMatchObject({ online: false, revoked: { detail: 'revoked by an admin' } });

    // Enrolled again, the next answer brings it back.
    status.liftRevocation();
    status.contact();
    expect(status.current()).toMatchObject({ online: true, revoked: null, lastError: null });
  });
});
