import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { PullRequest, PullResponse } from '../../../shared/sync/sync-protocol';

/** A server answering pulls from a list of changes in revision order, `limit` at a time (a change's rev is its place in the list). */
export function serverWith(changes: readonly FulfillmentDocument[]) {
  return async (req: PullRequest): Promise<PullResponse> => {
    const since = req.checkpoint?.rev ?? 0;
    const batch = changes.slice(since, since + req.limit);
    const rev = since + batch.length;
    return {
      documents: batch.map((d) => ({ ...d, _deleted: false as const })),
      checkpoint: { rev },
      remaining: changes.length - rev,
    } as PullResponse;
  };
}
