import { describe, expect, it } from 'vitest';
import type { SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import type { SsccStock, StationEventName } from '../../../shared/contract/index';
import type { ServerLink } from '../../services/server-link';
import { tempDataDir } from '../testing/fixtures';
import { fakeSsccServer } from '../testing/sscc-blocks';
import { openStationSscc } from './station-sscc';

/** The server link as the allocator uses it: online while the fake server is reachable; its refusals pass through as the link's do. */
function linkTo(server: ReturnType<typeof fakeSsccServer>) {
  const link = {
    state: () => ({ online: server.reachable }),
    request: (_answer: unknown, _method: string, _path: string, body: SsccBlockRequest) => server.fetchBlock(body),
  } as unknown as Pick<ServerLink, 'request' | 'state'>;
  return () => link;
}

/** A station whose label settings use `range`, with what main pushes to its pages. */
async function station(server: ReturnType<typeof fakeSsccServer>, range: SsccBlockRequest) {
  const pushed: SsccStock[] = [];
  const events = {
    emit: (name: StationEventName, payload: unknown) => name === 'printing.sscc-stock-changed' && pushed.push(payload as SsccStock),
  };
  const sscc = await openStationSscc(await tempDataDir(), linkTo(server), { get: () => ({ sscc: range }) }, events);
  return { sscc, pushed, range };
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
});
