import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SsccStock } from '../../../shared/contract/index';
import { pushedState } from '../../app/pushed-state';
import { useStation } from '../../app/station-store';
import { showSsccStock } from './sscc-stock-warning';
import { SsccStockBanner } from './SsccStockBanner';

const range = { extensionDigit: 0, companyPrefix: '0614141' };
const left = (remaining: number, warnBelow: number | null): SsccStock => ({
  ...range,
  remaining,
  refillFailed: warnBelow === null ? null : 'no-server',
  warning:
    warnBelow === null
      ? null
      : `${remaining} shipping label numbers left at this station: connect it to the server to get more before they run out`,
  warnBelow,
});
const say = vi.fn();
/** The banner as the sync bar renders it from the store (server rendering reads a zustand store's initial state, so it is given the store's). */
const banner = () => renderToStaticMarkup(createElement(SsccStockBanner, { stock: useStation.getState().sync.ssccStock }));

beforeEach(() => {
  useStation.setState(useStation.getInitialState(), true);
  say.mockClear();
  useStation.setState({ say });
});
// Files share a worker's store (vitest.config.ts): the next file must not inherit the stand-in `say`.
afterEach(() => useStation.setState(useStation.getInitialState(), true));

describe('shipping label numbers running out, on the sync bar', () => {
  it('shows main’s warning with the count while it is pushed, says it with the error sound once and again at each lower mark, and drops it once refilled', async () => {
    const stock = pushedState<SsccStock>(showSsccStock);
    await stock.fetched(async () => left(900, null));
    expect(banner()).toBe('');
    stock.pushed(left(299, 300));
    expect(banner()).toContain(
      '<div class="offline-banner" role="status" data-testid="sscc-stock-banner" data-remaining="299">299 shipping label numbers left at this station: connect it to the server to get more before they run out</div>',
    );
    expect(say).toHaveBeenCalledExactlyOnceWith('info', left(299, 300).warning, 'error');
    stock.pushed(left(298, 300)); // the same mark: shown, not said again
    expect(banner()).toContain('298 shipping label numbers left');
    expect(say).toHaveBeenCalledTimes(1);
    stock.pushed(left(49, 50));
    expect(say).toHaveBeenLastCalledWith('info', left(49, 50).warning, 'error');
    stock.pushed(left(9, 10));
    stock.pushed(left(8, 10));
    expect(say).toHaveBeenCalledTimes(3);
    // Back online, a block arrived: gone without a word.
    stock.pushed(left(1008, null));
    expect(banner()).toBe('');
    expect(say).toHaveBeenCalledTimes(3);
  });

  it('does not replace an error waiting for its OK: the banner shows the warning, the sound is heard', async () => {
    const sounds = { dataset: {} as Record<string, string> };
    (globalThis as { document?: unknown }).document = { documentElement: sounds };
    try {
      const waiting = { kind: 'error' as const, text: 'This station was revoked by an admin: it no longer syncs.', needsAck: true };
      useStation.setState({ message: waiting });
      await pushedState<SsccStock>(showSsccStock).fetched(async () => left(0, 10));
      expect(useStation.getState().message).toEqual(waiting);
      expect(say).not.toHaveBeenCalled();
      expect(sounds.dataset.lastSound).toBe('error');
      expect(banner()).toContain('0 shipping label numbers left at this station');
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });

  it('says it once when the page opens on a station already low', async () => {
    await pushedState<SsccStock>(showSsccStock).fetched(async () => left(120, 300));
    expect(useStation.getState().sync.ssccStock?.remaining).toBe(120);
    expect(say).toHaveBeenCalledOnce();
    expect(banner()).toContain('120 shipping label numbers left at this station');
  });
});
