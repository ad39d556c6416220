import type { NextSeqsRequest, SeqBlock } from '../../shared/contract/index';

/** Where the outbox gets its seqs: main, which hands them out to every device of the station. */
export interface SeqSource {
  /** The next seq for this device, above `above` (the highest seq this device already holds). */
  next(above: number): Promise<number>;
}

/**
 * Seqs drawn from main a block at a time, so a scan does not wait for main (or its disk) each
 * time. What is left of a block when the page closes is a gap in the station's seqs, which the
 * server accepts; a seq is never handed out twice.
 */
export function seqBlocks(draw: (request: NextSeqsRequest) => Promise<SeqBlock>, blockSize = 25): SeqSource {
  let next = 1;
  let last = 0;
  // One at a time: two events recorded together never get the same seq.
  let chain: Promise<unknown> = Promise.resolve();
  // The block after this one, asked for while half of this one is left: the scan that starts it
  // does not wait for main (it did, once in 25 scans). A spare not above the floor is dropped (a gap).
  let spare: Promise<SeqBlock | null> | null = null;
  const ask = (above: number) => draw(above > 0 ? { count: blockSize, above } : { count: blockSize });
  const usable = (block: SeqBlock, above: number) => block.first > above && block.last >= block.first;
  return {
    next(above) {
      const run = chain.then(async () => {
        if (next > last || next <= above) {
          const prefetched = spare ? await spare : null;
          spare = null;
          const block = prefetched && usable(prefetched, above) ? prefetched : await ask(above);
          if (!usable(block, above)) throw new Error(`main handed out seqs ${block.first}..${block.last}, not above ${above}`);
          next = block.first;
          last = block.last;
        }
        const seq = next++;
        if (!spare && last - next + 1 <= blockSize / 2) spare = ask(Math.max(above, last)).catch(() => null);
        return seq;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
