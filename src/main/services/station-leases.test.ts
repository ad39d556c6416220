import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerLink } from './server-link';
import { RENEW_AFTER_ONLINE_MS, createStationLeases } from './station-leases';

/** The renewal's timing against a link that records what it is asked (the server's side is tests/integration/station-leases.test.ts). */
function recordingLink(online = true) {
  const asked: string[] = [];
  const link = {
    state: () => ({ online, lastContactAt: null, lastError: null, revoked: null }),
    request: async (_answer: unknown, method: string, path: string) => {
      asked.push(`${method} ${path}`);
      return { renewed: 0, expiresAt: null };
    },
  } as unknown as ServerLink;
  return { link, asked };
}

afterEach(() => vi.useRealTimers());

describe('renewing holds on coming online', () => {
  it('waits a moment, so the backlog of events goes up first, and renews once however often the link came back', async () => {
    vi.useFakeTimers();
    const { link, asked } = recordingLink();
    const leases = createStationLeases({ link, signedIn: () => null });
    leases.renewSoon();
    await vi.advanceTimersByTimeAsync(RENEW_AFTER_ONLINE_MS / 2);
    leases.renewSoon();
    await vi.advanceTimersByTimeAsync(RENEW_AFTER_ONLINE_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['POST /v1/sync/leases/renew']);
    leases.stop();
  });

  it('asks nothing if the station went offline or stopped before then', async () => {
    vi.useFakeTimers();
    const offline = recordingLink(false);
    const offlineLeases = createStationLeases({ link: offline.link, signedIn: () => null });
    offlineLeases.renewSoon();
    const stopped = recordingLink();
    const leases = createStationLeases({ link: stopped.link, signedIn: () => null });
    leases.renewSoon();
    leases.stop();
    await vi.advanceTimersByTimeAsync(RENEW_AFTER_ONLINE_MS * 2);
    expect(offline.asked).toEqual([]);
    expect(stopped.asked).toEqual([]);
    offlineLeases.stop();
  });
});
