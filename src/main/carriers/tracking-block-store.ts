import { join } from 'node:path';
import { openSerialBlockStore, type SerialBlockStore, type SerialBlockStoreOptions } from '../services/serial-block-store';

/** The tracking-number blocks the server handed this station, keyed by carrier account (tracking-blocks.json). */
export function openTrackingBlockStore(dataDir: string, options: SerialBlockStoreOptions = {}): Promise<SerialBlockStore> {
  return openSerialBlockStore(join(dataDir, 'tracking-blocks.json'), 'tracking number', options);
}
