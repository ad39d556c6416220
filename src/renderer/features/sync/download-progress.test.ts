import { describe, expect, it } from 'vitest';
import { createDownloadTracker } from './download-progress';

describe('createDownloadTracker', () => {
  it('is null when a pull leaves nothing on the server (no download running)', () => {
    expect(createDownloadTracker().report('fulfillment_orders', 12, 0)).toBeNull();
  });

  it('counts a download from its first batch to the batch that leaves nothing, across collections', () => {
    const t = createDownloadTracker();
    expect(t.report('fulfillment_orders', 1000, 2500)).toEqual({ received: 1000, total: 3500 });
    expect(t.report('returns', 1000, 200)).toEqual({ received: 2000, total: 4700 });
    expect(t.report('fulfillment_orders', 2000, 1500)).toEqual({ received: 3000, total: 4700 });
    expect(t.report('returns', 1200, 0)).toEqual({ received: 3200, total: 4700 });
    expect(t.report('fulfillment_orders', 3500, 0)).toBeNull();
  });

  it('starts the next download (after a long time offline) from zero', () => {
    const t = createDownloadTracker();
    t.report('fulfillment_orders', 1000, 10);
    t.report('fulfillment_orders', 1010, 0);
    expect(t.report('fulfillment_orders', 2010, 300)).toEqual({ received: 1000, total: 1300 });
  });
});
