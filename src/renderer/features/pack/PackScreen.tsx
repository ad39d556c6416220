import { plural } from '../../../shared/words/plural';
import { useState, useSyncExternalStore } from 'react';
import type { FulfillmentDocument, FulfillmentLine } from '../../../shared/sync/fulfillment-document';
import { unitsOf } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { useObservable } from '../../app/use-rx';
import type { PackController } from './pack-controller';
import { hasSomethingToShip } from './ship-flow';
import { LabelWaiting, waitingLabelOf } from './LabelWaiting';
import { ShippingLabelPreview } from './ShippingLabelPreview';
import { LabelPreview } from '../printers/LabelPreview';
import { WeightField } from '../weighing/WeightField';
import { ManualEntry } from '../../scanner/ManualEntry';
import { inTurn } from '../../scanner/one-scan-at-a-time';
import { holderText } from './assigned-work';
import { TakeOrders } from './TakeOrders';
import { TakeHereOffer } from './TakeHereOffer';
import { shippedHere } from './shipped-here';
import { heldElsewhereNote, packableLessShippedHere, packQueueCounts, packQueueList, queueHeading } from './pack-queue';
import { UNPACK_REASONS } from './unpack-package';
import { CarrierChoice, CarrierWarnings } from './CarrierChoice';
import { useActiveLine } from '../floor/active-line';
import { promptFor } from '../../../shared/domain/unit-capture';
import { lineTrackingText } from './line-tracking-text';
import { randomUuid } from '../../../shared/random-uuid';

const LIST_LIMIT = 100;

/** The packer's screen: the queue of orders to pack, and the order being packed. */
export function PackScreen({ rt, controller }: { rt: StationRuntime; controller: PackController }) {
  const openId = useStation((s) => s.openFulfillmentOrderId);
  const lastLabel = useStation((s) => s.lastLabelJobId);
  // A unit waits for its lot or serial, which is often typed from its box: the field is ready for it
  // (not while an error waits to be acknowledged, when a code is refused).
  const askedFor = useStation((s) => (s.message?.needsAck ? null : s.unitCapture));
  return (
    <div className="pack">
      <section className="queue" aria-label="Orders to pack">
        <OrderQueue rt={rt} />
      </section>
      <section className="work" aria-label="Order being packed">
        <CarrierWarnings />
        <TakeHereOffer rt={rt} openByNumber={(orderNumber) => inTurn(() => controller.onScan(orderNumber))} />
        {openId ? (
          // One per order: a ship still printing for the last order does not show as this one's.
          <OpenOrder key={openId} rt={rt} controller={controller} id={openId} />
        ) : (
          <p className="hint">Scan an order number to start packing.</p>
        )}
        <ManualEntry onCode={(code) => void inTurn(() => controller.onScan(code))} askedFor={askedFor} />
        {!openId && lastLabel && <LabelPreview client={rt.client} request={{ jobId: lastLabel }} caption="Last label printed" />}
      </section>
    </div>
  );
}

function OrderQueue({ rt }: { rt: StationRuntime }) {
  const docs = useObservable(() => packQueueList(rt.db, rt.stationId, LIST_LIMIT), [], [rt]);
  const counts = useObservable(() => packQueueCounts(rt.db, rt.stationId), { packable: 0, heldElsewhere: 0 }, [rt]);
  // Shipped here while offline: gone from the queue now, not once the server has heard of it.
  const shipped = useObservable(() => shippedHere(rt.db, rt.stationId), [], [rt]);
  const gone = new Set(shipped.map((s) => s.id));
  const listed = counts.packable + counts.heldElsewhere;
  return (
    <>
      <h2>
        {queueHeading(counts)}{' '}
        <span className="count" data-testid="queue-count">
          {packableLessShippedHere(counts.packable, shipped, rt.stationId)}
        </span>
      </h2>
      {heldElsewhereNote(counts) && (
        <p className="muted" data-testid="held-elsewhere">
          {heldElsewhereNote(counts)}
        </p>
      )}
      <TakeOrders rt={rt} />
      <div className="table-scroll">
        <table className="queue-table" data-testid="order-queue">
          <thead>
            <tr>
              <th>Order</th>
              <th>Customer</th>
              <th>Units</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => {
              if (gone.has(d.id)) return null;
              const doc = d as unknown as FulfillmentDocument;
              return (
                <tr key={doc.id} data-order-number={doc.orderNumber}>
                  <td className="ident">{doc.orderNumber}</td>
                  <td>{doc.customerName}</td>
                  <td>{unitsOf(doc, 'quantity')}</td>
                  <td data-testid="holder">{holderText(doc, rt.stationId)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {listed > LIST_LIMIT && <p className="muted">and {listed - LIST_LIMIT} more: scan any order to open it</p>}
    </>
  );
}

function OpenOrder({ rt, controller, id }: { rt: StationRuntime; controller: PackController; id: string }) {
  // The open order as the controller keeps it in memory: a scan shows in the next frame.
  const followed = useSyncExternalStore(controller.openView.subscribe, controller.openView.snapshot);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [previewPackageId] = useState(() => randomUuid());
  const jobs = useStation((s) => s.jobs);
  const view = followed.id === id ? followed.view : null;
  const activeId = useActiveLine(id, view ? view.doc.lines.map((l) => ({ id: l.lineId, done: l.verified, of: l.quantity })) : []);
  if (!view) return <p>Loading…</p>;
  const d = view.doc;
  const active = d.lines.find((l) => l.lineId === activeId);
  const packing = d.packages.find((p) => p.status === 'packing');
  // A box whose label waits for its printer ships when that label prints (Reprint or Move, below),
  // never from a second label: Ship is not offered for it.
  const canShip = hasSomethingToShip(d) && !(packing && waitingLabelOf(jobs, packing.id));
  const scanned = unitsOf(d, 'verified');
  const total = unitsOf(d, 'quantity');
  // Picked before packing (pick-and-pack warehouses): the picked units are shown beside the scanned ones.
  const picked = d.lines.some((l) => l.picked !== undefined);
  async function ship() {
    setBusy(true);
    try {
      await controller.ship();
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="open-order" data-testid="open-order" data-status={d.status}>
      <h2>
        <span className="ident">{d.orderNumber}</span>{' '}
        <span className="progress" data-testid="scan-progress">
          {scanned} of {total} scanned
        </span>
      </h2>
      <p>
        {d.customerName} · {d.shipTo.city}, {d.shipTo.country}
      </p>
      <UnitCaptureWaiting onCancel={controller.cancelCapture} />
      {active && <CurrentItem line={active} />}
      <OrderLines doc={d} activeId={activeId} picked={picked} />
      <PackagesOf doc={d} onUnpack={(packageId, reason) => controller.unpack(d.id, packageId, reason)} />
      {packing && <LabelWaiting rt={rt} packageId={packing.id} />}
      {view.unsent > 0 && (
        <p className="muted" data-testid="unsynced">
          {plural(view.unsent, 'change')} not yet on the server
        </p>
      )}
      {canShip && <CarrierChoice doc={d} />}
      <div className="actions">
        <PackageWeight rt={rt} />
        <button className="primary" onClick={ship} disabled={!canShip || busy} data-testid="ship">
          {busy ? 'Printing label…' : 'Ship scanned items'}
        </button>
        <button onClick={() => setPreviewing((p) => !p)} aria-pressed={previewing} data-testid="preview-label">
          Preview label
        </button>
      </div>
      {canShip && (
        <p className="hint-small">
          Or scan <span className="ident">{d.orderNumber}</span> again to ship.
        </p>
      )}
      {previewing && <ShippingLabelPreview rt={rt} doc={d} packageId={packing?.id ?? previewPackageId} />}
    </div>
  );
}

/** The order's lines: what to scan, what is scanned, picked (where picking ran) and lots or serials captured. */
function OrderLines({ doc: d, activeId, picked }: { doc: FulfillmentDocument; activeId: string | null; picked: boolean }) {
  return (
    <div className="table-scroll">
      <table className="lines" data-testid="lines">
        <thead>
          <tr>
            <th>Item</th>
            <th>SKU</th>
            <th>Barcode</th>
            {picked && <th>Picked</th>}
            <th>Scanned</th>
            <th>Lot / serial</th>
            <th>Shipped</th>
          </tr>
        </thead>
        <tbody>
          {d.lines.map((l) => (
            <tr
              key={l.lineId}
              className={l.lineId === activeId ? 'active' : l.verified >= l.quantity ? 'done' : ''}
              aria-current={l.lineId === activeId ? 'true' : undefined}
              data-sku={l.sku}
            >
              <td>{l.name}</td>
              <td className="ident">{l.sku}</td>
              <td className="ident">{l.barcode}</td>
              {picked && (
                <td data-testid="picked">
                  {l.picked ?? 0}
                  {l.totes?.length ? ` · ${l.totes.join(', ')}` : ''}
                </td>
              )}
              <td className="line-count" data-testid="verified">
                {l.verified} / {l.quantity}
              </td>
              <td className="ident line-tracking" data-testid="line-tracking">
                {lineTrackingText(l, d)}
              </td>
              <td>{l.shipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The order's packages with their SSCCs; a box whose label has not printed can be taken apart. */
function PackagesOf({ doc: d, onUnpack }: { doc: FulfillmentDocument; onUnpack: (packageId: string, reason: string) => Promise<boolean> }) {
  if (!d.packages.length) return null;
  return (
    <ul className="packages" data-testid="packages">
      {d.packages.map((p, i) => (
        <li key={p.id} data-status={p.status} data-package-id={p.id}>
          Package {i + 1}: {p.status}
          {p.sscc && (
            <>
              {' · SSCC '}
              <span className="ident">{p.sscc}</span>
            </>
          )}
          {p.status === 'packing' && <UnpackBox onUnpack={(reason) => onUnpack(p.id, reason)} />}
        </li>
      ))}
    </ul>
  );
}

/** Unpack, asked twice: the packer picks why, then confirms; the label is voided and the units go back to scanned. */
function UnpackBox({ onUnpack }: { onUnpack: (reason: string) => Promise<boolean> }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<string>(UNPACK_REASONS[0]);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <button type="button" className="inline" onClick={() => setAsking(true)} data-testid="unpack">
        Unpack…
      </button>
    );
  const confirm = async () => {
    setBusy(true);
    try {
      if (await onUnpack(reason)) setAsking(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="unpack-confirm" role="group" aria-label="Unpack this box">
      <select
        aria-label="Why unpack"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        disabled={busy}
        data-testid="unpack-reason"
      >
        {UNPACK_REASONS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="button" className="danger" onClick={() => void confirm()} disabled={busy} data-testid="unpack-confirm">
        {busy ? 'Unpacking…' : 'Unpack box, void its label'}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        Keep it
      </button>
    </span>
  );
}

/** A unit scanned whose lot or serial the packer is asked for: the next scan or typed code gives it. */
function UnitCaptureWaiting({ onCancel }: { onCancel: () => void }) {
  const pending = useStation((s) => s.unitCapture);
  if (!pending) return null;
  return (
    <div className="unit-capture" data-testid="unit-capture" data-mode={pending.mode} role="status">
      <span className="current-item__name">{promptFor(pending)}</span>
      <button onClick={onCancel} data-testid="unit-capture-cancel">
        Not this unit
      </button>
    </div>
  );
}

/** The line being worked on, large enough to read from a metre away. */
function CurrentItem({ line }: { line: FulfillmentLine }) {
  return (
    <div className="current-item" data-testid="current-item" aria-live="polite">
      <span className="current-item__name">{line.name}</span>
      <span className="current-item__codes">
        <span className="ident">{line.sku}</span>
        {line.barcode && (
          <>
            {' · '}
            <span className="ident">{line.barcode}</span>
          </>
        )}
      </span>
      <span className="current-item__count" data-testid="current-item-count">
        {line.verified} of {line.quantity}
      </span>
    </div>
  );
}

/**
 * Optional weight of the next package, in kilograms as the scale shows it; stored in grams, so the
 * shipping rules and the label use it. A scan while the field has focus is taken out of it again
 * and goes to the scanner (use-scanner.ts), so the weight typed here stays as typed.
 */
function PackageWeight({ rt }: { rt: StationRuntime }) {
  const grams = useStation((s) => s.packageWeightGrams);
  const unreadable = useStation((s) => s.packageWeightUnreadable);
  const setGrams = useStation((s) => s.setPackageWeight);
  return (
    <WeightField
      rt={rt}
      label="Weight (kg)"
      grams={grams}
      unreadable={unreadable}
      onGrams={setGrams}
      ids={{ input: 'package-weight', readScale: 'read-scale', note: 'scale-note' }}
    />
  );
}
