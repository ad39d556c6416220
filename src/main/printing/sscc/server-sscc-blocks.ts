import { SsccBlock } from '../../../shared/api/sscc-blocks';
import type { ServerLink } from '../../services/server-link';
import { openSsccAllocator, type SsccAllocator, type SsccAllocatorOptions } from './sscc-allocator';

/** The station's SSCC allocator, taking its blocks from the server it is enrolled with. */
export function openServerSsccAllocator(
  dataDir: string,
  link: () => Pick<ServerLink, 'request' | 'state'>,
  onChange?: SsccAllocatorOptions['onChange'],
): Promise<SsccAllocator> {
  return openSsccAllocator(dataDir, {
    fetchBlock: async (range) => {
      // Known offline: refuse at once rather than make a packer wait for a request to time out. A
      // revoked station is not merely offline: the link refuses it at once, and the warning says so.
      const { online, revoked } = link().state();
      if (!online && !revoked) throw new Error('offline');
      return link().request(SsccBlock, 'POST', '/v1/sync/sscc-blocks', range);
    },
    onChange,
  });
}
