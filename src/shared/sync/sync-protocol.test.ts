import { describe, expect, it } from 'vitest';
import { AnyPullResponse } from './sync-protocol';

describe('a pull answer as the station host relays it', () => {
  it("keeps how a return closed on its tombstone, even in a batch of tombstones only (which every collection's schema reads)", () => {
    const closed = { number: 'RMA-20261205-00002', status: 'cancelled', reason: 'customer kept it' };
    const answer = {
      documents: [{ id: '00000000-0000-4000-8000-000000000001', _deleted: true, closed }],
      checkpoint: { rev: 7 },
      remaining: 0,
    };
    expect(AnyPullResponse.parse(answer).documents[0]).toEqual({ id: '00000000-0000-4000-8000-000000000001', _deleted: true, closed });
  });
});
