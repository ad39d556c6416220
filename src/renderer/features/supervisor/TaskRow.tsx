import { refreshOpenConflicts } from '../../app/open-conflicts';
import { useState } from 'react';
import { RESOLUTION_NOTE_MAX, type SupervisorTask } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { ageText } from './age';
import { relabelButtonText, relabelOutcome } from './relabel-words';
import { taskKindName } from './task-kind';
import { RowActions } from './RowActions';
import type { SupervisorDesk } from './use-supervisor-desk';
import { useStationFormat, type StationFormat } from '../../app/station-format';
import { parcelMarks } from '../../../shared/words/parcel-marks';

/** What happened, from the task and the timeline event behind it. */
function whatHappened(task: SupervisorTask, format: StationFormat): string {
  const parts = [task.message];
  if (task.event)
    parts.push(
      `${task.event.type.replaceAll('-', ' ')} by ${task.event.actorName ?? 'a station'} (${task.event.outcome}, ${format.when(task.event.occurredAt)})`,
    );
  return parts.filter(Boolean).join(' · ');
}

/** Where to look: the order, its customer, and the parcel (SSCC, tracking number) its events are about. */
function whereToLook(task: SupervisorTask): string {
  return [task.orderNumber && `Order ${task.orderNumber}`, task.customerName, ...parcelMarks(task.parcel ?? {})]
    .filter(Boolean)
    .join(' · ');
}

/** One conflict or task, resolved with a note saying what was done about it. */
export function TaskRow({ client, desk, task }: { client: StationClient; desk: SupervisorDesk; task: SupervisorTask }) {
  const [note, setNote] = useState('');
  const format = useStationFormat();
  const resolve = () =>
    void desk.act(
      task.id,
      async () => {
        // As shown: a task that gained events since is refused in words, and the reload shows it as it now is.
        const resolved = await client.call('supervisor.resolve-task', { taskId: task.id, version: task.version, note: note.trim() });
        // The sync bar's count of this station's conflicts, at once rather than at its next refresh.
        void refreshOpenConflicts(client);
        return resolved;
      },
      `Resolved: ${task.title}`,
    );
  // A parcel shipped offline that the server never recorded: the order takes it (given back to the
  // station that shipped it), or, its order having ended, its units come off stock. Either resolves the task.
  const settleParcel =
    (action: 'supervisor.accept-shipment' | 'supervisor.write-off-shipment' | 'supervisor.cancel-work-units', done: string) => () =>
      void desk.act(
        task.id,
        async () => {
          const settled = await client.call(action, {
            taskId: task.id,
            version: task.version,
            ...(note.trim() ? { note: note.trim() } : {}),
          });
          void refreshOpenConflicts(client);
          return settled;
        },
        done,
      );
  const acceptShipment = settleParcel('supervisor.accept-shipment', `Shipment accepted: ${task.orderNumber ?? task.title}`);
  const writeOffShipment = settleParcel(
    'supervisor.write-off-shipment',
    `Taken off stock: the parcel of ${task.orderNumber ?? task.title}. Intercept it or arrange its return, and tell the customer`,
  );
  // Two parcels carry one SSCC: this one gets a new SSCC from the server and its label prints here.
  const relabel = (packageId: string) => () =>
    void desk.act(
      task.id,
      async () => {
        const relabelled = await client.call('supervisor.relabel-package', {
          taskId: task.id,
          version: task.version,
          packageId,
          ...(note.trim() ? { note: note.trim() } : {}),
        });
        void refreshOpenConflicts(client);
        return relabelled;
      },
      relabelOutcome,
    );
  // Work cancelled before its cancel took the units off the order (migration 0023): checked, they come off it now.
  const cancelWorkUnits = settleParcel(
    'supervisor.cancel-work-units',
    `Cancelled on ${task.orderNumber ?? 'the order'}: the units of its cancelled work, what was captured for them refunded`,
  );
  return (
    <tr data-testid="task">
      <td>{taskKindName(task.kind)}</td>
      <td>
        <strong>{task.title}</strong>
        <div data-testid="task-where">{whereToLook(task)}</div>
        <div className="hint-small">{whatHappened(task, format)}</div>
      </td>
      <td>{ageText(task.createdAt)}</td>
      <td>
        <RowActions desk={desk} subject={task.id}>
          <input
            aria-label={`How "${task.title}" was resolved`}
            placeholder="What was done"
            value={note}
            maxLength={RESOLUTION_NOTE_MAX}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && note.trim()) resolve();
            }}
          />
          <button disabled={!note.trim()} onClick={resolve}>
            Resolve
          </button>
          {task.shipmentToAccept && <button onClick={acceptShipment}>Accept the shipment</button>}
          {task.kind === 'cancelled-work-units' && (
            <button onClick={cancelWorkUnits} title="Only once you checked nobody put it right by hand (a refund, at the gateway)">
              Cancel the units on the order
            </button>
          )}
          {task.shipmentToWriteOff && (
            <button onClick={writeOffShipment} title="The order ended, so it cannot take the parcel; the units left the building">
              Take its units off stock
            </button>
          )}
          {task.parcelsToRelabel.map((parcel) => (
            <button
              key={parcel.packageId}
              onClick={relabel(parcel.packageId)}
              title="A new SSCC for this parcel; its new label prints at this station, to stick over the old one"
            >
              {relabelButtonText(parcel, task.parcelsToRelabel)}
            </button>
          ))}
        </RowActions>
      </td>
    </tr>
  );
}
