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
  return {
    next(above) {
      const run = chain.then(async () => {
        if (next > last || next <= above) {
          const block = await draw(above > 0 ? { count: blockSize, above } : { count: blockSize });
          if (block.first <= above || block.last < block.first)
            throw new Error(`main handed out seqs ${block.first}..${block.last}, not above ${above}`);
          next = block.first;
          last = block.last;
        }
        return next++;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
