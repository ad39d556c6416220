import { describe, expect, it } from 'vitest';
import type { NextSeqsRequest, SeqBlock } from '../../shared/contract/index';
import { seqBlocks } from './seq-blocks';

/** Main's side, as a plain counter: hands out consecutive blocks above `above`. */
function fakeMain() {
  let handed = 0;
  const requests: NextSeqsRequest[] = [];
  return {
    requests,
    draw: async (request: NextSeqsRequest): Promise<SeqBlock> => {
      requests.push(request);
      const first = Math.max(handed, request.above ?? 0) + 1;
      handed = first + request.count - 1;
      return { first, last: handed };
    },
  };
}

describe('seq blocks', () => {
  it('asks main once per block, and gives concurrent events distinct increasing seqs', async () => {
    const main = fakeMain();
    const seqs = seqBlocks(main.draw, 10);
    const got = await Promise.all(Array.from({ length: 25 }, () => seqs.next(0)));
    expect(got).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // Each next block is asked for while half of the current one is left.
    expect(main.requests).toEqual([{ count: 10 }, { count: 10, above: 10 }, { count: 10, above: 20 }, { count: 10, above: 30 }]);
  });

  it('has the next block before the current one runs out, so the event that starts it does not wait for main', async () => {
    const main = fakeMain();
    const gates: (() => void)[] = [];
    // Main answers only when the test lets it.
    const seqs = seqBlocks((request) => new Promise((resolve) => gates.push(() => resolve(main.draw(request)))), 10);
    const first = seqs.next(0);
    await new Promise((r) => setTimeout(r, 0));
    gates.shift()!();
    expect(await first).toBe(1);
    for (let i = 2; i <= 6; i++) expect(await seqs.next(0)).toBe(i);
    // Half left: the next block is on its way already.
    expect(gates).toHaveLength(1);
    gates.shift()!();
    for (let i = 7; i <= 10; i++) expect(await seqs.next(0)).toBe(i);
    await new Promise((r) => setTimeout(r, 0));
    // The 11th comes from the block in hand: no new request waits on main.
    expect(await seqs.next(0)).toBe(11);
    expect(main.requests).toEqual([{ count: 10 }, { count: 10, above: 10 }]);
  });

  it('drops a spare block that is not above what the device holds now, and draws one that is', async () => {
    const main = fakeMain();
    const seqs = seqBlocks(main.draw, 10);
    for (let i = 1; i <= 6; i++) await seqs.next(0);
    // The spare (11..20) is below a seq this device holds now (another tab wrote 40, say).
    expect(await seqs.next(40)).toBe(41);
    expect(main.requests.at(-1)).toEqual({ count: 10, above: 40 });
  });

  it('draws a new block above what this device already holds', async () => {
    const main = fakeMain();
    const seqs = seqBlocks(main.draw, 10);
    expect(await seqs.next(0)).toBe(1);
    expect(await seqs.next(500)).toBe(501);
    expect(main.requests.at(-1)).toEqual({ count: 10, above: 500 });
    expect(await seqs.next(500)).toBe(502);
  });

  it('refuses a block that is not above the floor it asked for, and tries again on the next event', async () => {
    let broken = true;
    const main = fakeMain();
    const seqs = seqBlocks(async (request) => (broken ? { first: 3, last: 12 } : main.draw(request)), 10);
    await expect(seqs.next(7)).rejects.toThrow('not above 7');
    broken = false;
    expect(await seqs.next(7)).toBe(8);
  });
});
