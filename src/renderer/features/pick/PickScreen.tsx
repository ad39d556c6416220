import { useEffect, useRef, useState } from 'react';
import { merge } from 'rxjs';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { ManualEntry } from '../../scanner/ManualEntry';
import { inTurn } from '../../scanner/one-scan-at-a-time';
import { TakeOrders } from '../pack/TakeOrders';
import type { PickController, PickPlan } from './pick-controller';
import { stopKey } from './pick-path';
import { usePick } from './pick-store';
import { itemCodesOf } from '../../scanner/codes-expected';
import { useExpectedCodes } from '../../scanner/use-expected-codes';
import { printPickList } from './pick-list';

/** The plan, worked out again whenever this station's orders, bins, events or the cart change. */
function usePickPlan(rt: StationRuntime, controller: PickController): PickPlan | null {
  const [plan, setPlan] = useState<PickPlan | null>(null);
  const cart = usePick((s) => s.cart);
  const emptied = usePick((s) => s.emptied);
  useEffect(() => {
    let live = true;
    const refresh = () => void controller.plan().then((p) => live && setPlan(p));
    refresh();
    const sub = merge(rt.db.fulfillment_orders.$, rt.db.outbox.$, rt.db.bins.$).subscribe(refresh);
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [rt, controller, cart, emptied]);
  return plan;
}

/** The picker's screen: load a cart of held orders into totes, then walk the path bin by bin. */
export function PickScreen({ rt, controller }: { rt: StationRuntime; controller: PickController }) {
  const plan = usePickPlan(rt, controller);
  useExpectedCodes(itemCodesOf(plan?.cart.flatMap((c) => c.doc.lines) ?? []));
  const [cartSize, setCartSize] = useState(3);
  const onCode = (code: string) => void inTurn(() => controller.onScan(code));
  const loaded = !!plan?.cart.length;
  return (
    <div className="pick" data-testid="pick-screen">
      <section className="queue" aria-label="Cart">
        <h2>Pick</h2>
        <TakeOrders rt={rt} />
        <div className="actions">
          <label>
            Orders on the cart
            <input
              type="number"
              min={1}
              max={12}
              size={3}
              value={cartSize}
              data-testid="cart-size"
              onChange={(e) => setCartSize(Math.min(12, Math.max(1, Number(e.target.value) || 1)))}
            />
          </label>
          <button className="primary" data-testid="start-picking" onClick={() => void inTurn(() => controller.startCart(cartSize))}>
            Start picking
          </button>
          {loaded && (
            <button data-testid="clear-cart" onClick={controller.clearCart}>
              Empty the cart
            </button>
          )}
        </div>
        {plan && loaded && <Cart plan={plan} />}
      </section>
      <section className="work" aria-label="Where to go next">
        {plan && loaded ? (
          <NextStop plan={plan} controller={controller} rt={rt} />
        ) : (
          <p className="hint">Take orders, then press Start picking.</p>
        )}
        <ManualEntry onCode={onCode} />
      </section>
    </div>
  );
}

function Cart({ plan }: { plan: PickPlan }) {
  return (
    <div className="table-scroll">
      <table className="queue-table" data-testid="cart">
        <thead>
          <tr>
            <th>Order</th>
            <th>Tote</th>
            <th>Picked</th>
          </tr>
        </thead>
        <tbody>
          {plan.cart.map((c) => {
            const picked = c.doc.lines.reduce((n, l) => n + (l.picked ?? 0), 0);
            const total = c.doc.lines.reduce((n, l) => n + l.quantity, 0);
            return (
              <tr key={c.doc.id} data-order-number={c.orderNumber}>
                <td className="ident">{c.orderNumber}</td>
                <td className="ident" data-testid="tote">
                  {c.tote || '—'}
                </td>
                <td data-testid="cart-picked">
                  {picked} / {total}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NextStop({ plan, controller, rt }: { plan: PickPlan; controller: PickController; rt: StationRuntime }) {
  const atBinId = usePick((s) => s.atBinId);
  const inHand = usePick((s) => s.inHand);
  const picker = useStation((s) => s.people?.signedIn?.name);
  if (plan.needsTote)
    return (
      <div className="current-item" data-testid="pick-instruction" data-step="tote-for-order">
        <span className="current-item__name">
          Scan an empty tote for <span className="ident">{plan.needsTote.orderNumber}</span>
        </span>
      </div>
    );
  const stop = plan.stops[0];
  if (!stop)
    return (
      <div className="current-item" data-testid="pick-instruction" data-step="done">
        <span className="current-item__name">Cart picked: take the totes to packing</span>
      </div>
    );
  const step = !stop.bin || atBinId !== stop.bin.id ? 'bin' : inHand < stop.quantity ? 'units' : 'tote';
  return (
    <>
      <div className="current-item pick-stop" data-testid="pick-instruction" data-step={step} aria-live="polite">
        <span className="current-item__name">
          {step === 'bin' ? 'Go to bin ' : 'At bin '}
          <span className="ident" data-testid="stop-bin">
            {stop.bin?.code ?? 'none listed'}
          </span>
        </span>
        <span className="current-item__count" data-testid="stop-count">
          {inHand} of {stop.quantity}
        </span>
        <span className="current-item__name">
          Pick{' '}
          <span className="ident" data-testid="stop-sku">
            {stop.sku}
          </span>{' '}
          · {stop.name}
        </span>
        <span className="current-item__name">
          into tote{' '}
          <span className="ident" data-testid="stop-tote">
            {stop.tote}
          </span>{' '}
          (<span className="ident">{stop.orderNumber}</span>)
        </span>
      </div>
      <div className="actions">
        <ShortPick key={stopKey(stop)} binCode={stop.bin?.code ?? null} controller={controller} />
        <button data-testid="print-pick-list" onClick={() => void printPickList(rt, plan, picker)}>
          Print pick list
        </button>
      </div>
      <div className="table-scroll">
        <table className="lines" data-testid="pick-path">
          <thead>
            <tr>
              <th>Bin</th>
              <th>Qty</th>
              <th>SKU</th>
              <th>Tote</th>
            </tr>
          </thead>
          <tbody>
            {plan.stops.map((s, i) => (
              <tr key={stopKey(s)} className={i === 0 ? 'active' : ''} aria-current={i === 0 ? 'true' : undefined}>
                <td className="ident">{s.bin?.code ?? '—'}</td>
                <td className="line-count">{s.quantity}</td>
                <td className="ident">{s.sku}</td>
                <td className="ident">{s.tote}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * "Short pick": the picker says how many are left in the bin (0 unless typed), then reports it.
 * Enter in the count reports it; Cancel goes back to picking. The field takes any text: a count
 * that is no count ("-5", "two") is refused by the controller in words, with the error sound,
 * not silently by the browser's own form check.
 */
function ShortPick({ binCode, controller }: { binCode: string | null; controller: PickController }) {
  const [asking, setAsking] = useState(false);
  const [leftInBin, setLeftInBin] = useState('0');
  // The count has the keyboard while asked for, and again once a refusal of it has its OK (as the PIN field does).
  const needsAck = useStation((s) => s.message?.needsAck ?? false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (asking && !needsAck) field.current?.focus();
  }, [asking, needsAck]);
  if (!asking)
    return (
      <button data-testid="short-pick" onClick={() => setAsking(true)}>
        Short pick
      </button>
    );
  return (
    <form
      className="short-pick"
      data-testid="short-pick-form"
      onSubmit={(e) => {
        e.preventDefault();
        void inTurn(async () => {
          if (await controller.shortPick(leftInBin)) setAsking(false);
        });
      }}
    >
      <label>
        Left in {binCode ? <span className="ident">{binCode}</span> : 'the bin'}
        <input
          type="text"
          inputMode="numeric"
          size={5}
          ref={field}
          value={leftInBin}
          data-testid="left-in-bin"
          onFocus={(e) => e.target.select()}
          onChange={(e) => setLeftInBin(e.target.value)}
        />
      </label>
      <button className="primary" type="submit" data-testid="confirm-short-pick">
        Report short
      </button>
      <button type="button" data-testid="cancel-short-pick" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </form>
  );
}
