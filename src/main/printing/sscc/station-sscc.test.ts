import { describe, expect, it } from 'vitest';
import type { SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { CREDENTIAL_REVOKED, type SsccStock, type StationEventName } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import type { ServerLink } from '../../services/server-link';
import { tempDataDir } from '../testing/fixtures';
import { fakeSsccServer } from '../testing/sscc-blocks';
import { openStationSscc } from './station-sscc';

/**
 * The server link as the allocator uses it: online while the fake server is reachable; its refusals pass through as the link's do.
 * `revoked`: the server refused the station's credential as revoked; the link is offline then and refuses every request at once.
 */
function linkTo(server: ReturnType<typeof fakeSsccServer>, revoked?: () => boolean) {
  const refusedAsRevoked = () =>
    new HandlerError(CREDENTIAL_REVOKED, 'this station was revoked and no longer syncs: revoked by an admin.', 401);
  const link = {
    state: () => ({ online: server.reachable && !revoked?.(), revoked: revoked?.() ? { detail: 'revoked by an admin', since: '' } : null }),
    request: async (_answer: unknown, _method: string, _path: string, body: SsccBlockRequest) => {
      if (revoked?.()) throw refusedAsRevoked();
      return server.fetchBlock(body);
    },
  } as unknown as Pick<ServerLink, 'request' | 'state'>;
  return () => link;
}

/** A station whose label settings use `range`, with what main pushes to its pages; `dataDir` to start it again on the same disk. */
async function station(
  server: ReturnType<typeof fakeSsccServer>,
  range: SsccBlockRequest,
  o: { dataDir?: string; revoked?: () => boolean } = {},
) {
  const pushed: SsccStock[] = [];
  const events = {
    emit: (name: StationEventName, payload: unknown) => name === 'printing.sscc-stock-changed' && pushed.push(payload as SsccStock),
  };
  const dataDir = o.dataDir ?? (await tempDataDir());
  const sscc = await openStationSscc(dataDir, linkTo(server, o.revoked), { get: () => ({ sscc: range }) }, events);
  return { sscc, pushed, range, dataDir };
}

describe("the station's SSCC stock", () => {
  it('says offline below the refill mark how many are left and to connect, pushed as it changes, and clears once a refill comes', async () => {
    const server = fakeSsccServer(1, 301); // one block: 2 labels from the mark
    const { sscc, pushed, range } = await station(server, { extensionDigit: 3, companyPrefix: '0614141' });
    await sscc.allocator.refill(range);
    expect(sscc.stock()).toMatchObject({ remaining: 301, refillFailed: null, warning: null });
    server.reachable = false;
    await sscc.allocator.allocate(range);
    await sscc.allocator.allocate(range); // 299 left, and the refill it starts cannot reach the server
    const low = {
      ...range,
      remaining: 299,
      refillFailed: 'no-server',
      warning: '299 shipping label numbers left at this station: connect it to the server to get more before they run out',
      warnBelow: 300,
    };
    await expect.poll(() => sscc.stock()).toEqual(low);
    expect(pushed.at(-1)).toEqual(low);
    // Back online: the station asks on reconnecting, gets a block, and the warning is gone.
    server.reachable = true;
    await sscc.allocator.refill(range);
    expect(sscc.stock()).toMatchObject({ remaining: 600, refillFailed: null, warning: null, warnBelow: null });
    expect(pushed.at(-1)).toEqual(sscc.stock());
  });

  it('says the range is used up and needs an admin, not the server, when the server refuses it as exhausted', async () => {
    const server = fakeSsccServer(1, 301, 301);
    const { sscc } = await station(server, { extensionDigit: 0, companyPrefix: '0614141' });
    for (let i = 0; i < 2; i++) await sscc.allocator.allocate({ extensionDigit: 0, companyPrefix: '0614141' });
    await expect.poll(() => sscc.stock().refillFailed).toBe('range-used-up');
    expect(sscc.stock().warning).toMatch(
      /^299 shipping label numbers left at this station, and the server has none left to give: .*an admin must set a new extension digit or company prefix/,
    );
    expect(sscc.stock().warning).not.toMatch(/connect/);
  });

  it('names the revocation, not the network, when a revoked station cannot get more: it is connected and refused', async () => {
    const server = fakeSsccServer(1, 301);
    let revoked = false;
    const { sscc, pushed, range } = await station(server, { extensionDigit: 3, companyPrefix: '0614141' }, { revoked: () => revoked });
    await sscc.allocator.refill(range);
    revoked = true; // an admin revoked it: the link is offline and refuses every request
    await sscc.allocator.allocate(range);
    await sscc.allocator.allocate(range);
    await expect.poll(() => sscc.stock().refillFailed).toBe('revoked');
    const low = sscc.stock();
    expect(low).toMatchObject({ remaining: 299, warnBelow: 300 });
    expect(low.warning).toBe(
      '299 shipping label numbers left at this station: it was revoked, so it can get no more until it is re-enrolled with a new enrollment code from an admin',
    );
    expect(low.warning).not.toMatch(/connect/);
    expect(pushed.at(-1)).toEqual(low);
    for (let i = 0; i < 299; i++) await sscc.allocator.allocate(range);
    await expect(sscc.allocator.allocate(range)).rejects.toMatchObject({
      code: 'sscc_numbers_used_up',
      message:
        'No SSCC numbers left at this station: it was revoked, so it can get no more until it is re-enrolled with a new enrollment code from an admin',
    });
    expect(sscc.stock().warning).toMatch(
      /^No shipping label numbers left at this station: it was revoked, .*, and it prints no shipping labels until then$/,
    );
  });

  it('says the server refused, not to connect, when the server answers with another refusal', async () => {
    const server = fakeSsccServer(1, 301);
    const { sscc, range } = await station(server, { extensionDigit: 3, companyPrefix: '0614141' });
    await sscc.allocator.refill(range);
    // As the link passes on a 4xx the server answered (server-request.ts).
    server.fetchBlock = () =>
      Promise.reject(new HandlerError('forbidden', 'not allowed', 403, { httpStatus: 403, problem: { code: 'forbidden' } }));
    for (let i = 0; i < 2; i++) await sscc.allocator.allocate(range);
    await expect.poll(() => sscc.stock().refillFailed).toBe('refused');
    expect(sscc.stock().warning).toBe(
      '299 shipping label numbers left at this station: the server refused to give it more, so an admin must see why before they run out',
    );
  });

  it('warns at start when it starts offline below the mark: the count is on disk, no label or refill needed', async () => {
    const server = fakeSsccServer(1, 301);
    const range = { extensionDigit: 3, companyPrefix: '0614141' };
    const before = await station(server, range);
    await before.sscc.allocator.refill(range);
    server.reachable = false;
    for (let i = 0; i < 2; i++) await before.sscc.allocator.allocate(range); // spent offline below the mark, then shut down
    const asked = server.asked.length;

    const { sscc, pushed } = await station(server, range, { dataDir: before.dataDir }); // started again, the server unreachable
    sscc.startedOffline(); // its first attempt to reach the server failed
    const low = {
      ...range,
      remaining: 299,
      refillFailed: 'no-server',
      warning: '299 shipping label numbers left at this station: connect it to the server to get more before they run out',
      warnBelow: 300,
    };
    expect(sscc.stock()).toEqual(low);
    expect(pushed).toEqual([low]);
    expect(server.asked.length).toBe(asked);
    // Online again: the refill on connecting brings a block and the warning goes.
    server.reachable = true;
    await sscc.allocator.refill(range);
    expect(sscc.stock()).toMatchObject({ remaining: 600, refillFailed: null, warning: null });
  });

  it('does not warn at start below the mark while its first connection attempt is pending: starting online, the refill decides', async () => {
    const server = fakeSsccServer(1, 301);
    const range = { extensionDigit: 3, companyPrefix: '0614141' };
    const before = await station(server, range);
    await before.sscc.allocator.refill(range);
    server.reachable = false;
    for (let i = 0; i < 2; i++) await before.sscc.allocator.allocate(range);

    server.reachable = true;
    const { sscc, pushed } = await station(server, range, { dataDir: before.dataDir }); // started again, the server reachable
    expect(sscc.stock()).toMatchObject({ remaining: 299, refillFailed: null, warning: null });
    // Online: the refill on connecting brings a block; no warning was ever pushed.
    await sscc.allocator.refill(range);
    expect(sscc.stock()).toMatchObject({ remaining: 600, refillFailed: null, warning: null });
    expect(pushed.map((p) => p.warning)).toEqual([null]);
  });

  it('does not warn at start above the mark, nor for a range it never held (a new station)', async () => {
    const server = fakeSsccServer(1, 1000);
    const range = { extensionDigit: 3, companyPrefix: '0614141' };
    const before = await station(server, range);
    await before.sscc.allocator.refill(range);
    server.reachable = false;
    const restarted = (await station(server, range, { dataDir: before.dataDir })).sscc;
    restarted.startedOffline();
    expect(restarted.stock()).toMatchObject({ remaining: 1000, warning: null });
    const fresh = (await station(server, range)).sscc;
    fresh.startedOffline();
    expect(fresh.stock()).toMatchObject({ remaining: 0, refillFailed: null, warning: null });
  });
});
