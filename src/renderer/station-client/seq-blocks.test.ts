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
    expect(main.requests).toEqual([{ count: 10 }, { count: 10 }, { count: 10 }]);
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
