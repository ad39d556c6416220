import { join } from 'node:path';
import type { NextSeqsRequest, SeqBlock } from '../../shared/contract/index';
import { openReservingCounter, type ReservingCounterOptions } from './reserving-counter';

/**
 * The station's event seqs, handed out here in main to every device of the station (the desktop
 * window, each browser and handheld on the station host) in blocks, so no two devices ever share
 * a (stationId, seq). Unused seqs of a block are gaps, which the server accepts.
 *
 * Why main hands out seqs rather than each device enrolling as its own station: a station is a
 * place (its printers, settings, SSCC range, the fulfillment orders it holds, the supervisor's
 * view of who holds what) and its devices share that work; one station per handheld would split
 * claims and leases between devices and need an admin-issued code and a server credential kept in
 * each browser. Main already carries every push to the server, so a counter here fixes the seq
 * space without any change to the server or the sync protocol.
 */
export async function openStationSeqs(dataDir: string, options?: ReservingCounterOptions) {
  const counter = await openReservingCounter(join(dataDir, 'station-seq.json'), options);
  return {
    /** A block for one device; `above` is the highest seq that device already holds. */
    block: ({ count, above }: NextSeqsRequest): Promise<SeqBlock> => counter.take(count, above),
    /** Never below what the server holds for this station (a reinstalled station continues above it). */
    raiseFloor: (serverLastSeq: number): Promise<void> => counter.raiseFloor(serverLastSeq),
  };
}
export type StationSeqs = Awaited<ReturnType<typeof openStationSeqs>>;
