import type { StationUser } from '../../shared/contract/index';
import type { StreamMessage } from '../../shared/sync/sync-protocol';
import type { EventHub } from './event-hub';
import { supervises } from './supervisor-desk';

/**
 * Where the live stream's messages go: replication's to every device (each pulls its warehouse's
 * documents), task changes only to devices where a supervisor or admin is signed in (a packer's
 * page has no task list, and the list itself is asked for as that person). A stream that
 * (re)connected may have missed task changes too, so its RESYNC refreshes the task lists as well.
 */
export function routeStreamMessages(events: EventHub, signedIn: (deviceId: string) => StationUser | null) {
  return (message: StreamMessage): void => {
    if (message === 'RESYNC' || message.type === 'changed') events.emit('sync.stream', message);
    if (message === 'RESYNC' || message.type === 'tasks-changed')
      events.emitWhere('supervisor.tasks-changed', null, (deviceId) => supervises(signedIn(deviceId)));
  };
}
