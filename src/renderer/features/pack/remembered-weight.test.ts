import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TabStorage } from '../../app/remembered-open';
import { useStation } from '../../app/station-store';
import { rememberPackageWeight } from './remembered-weight';

const STATION = '11111111-1111-4111-8111-111111111111';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/** A tab's sessionStorage, which outlives the page's memory across a reload. */
function tab(): TabStorage & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return { kept, getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => void kept.set(k, v), removeItem: (k) => void kept.delete(k) };
}

const state = () => useStation.getState();
let memory: ReturnType<typeof rememberPackageWeight> | null = null;

/** The page reloads (its memory is gone, the tab's storage is not) and the open order opens again, as remembered-order.ts does. */
function reloadReopening(storage: TabStorage, orderId: string): void {
  memory?.stop();
  useStation.setState(useStation.getInitialState(), true);
  memory = rememberPackageWeight(STATION, storage);
  state().openOrder(orderId);
  memory.restore(orderId);
}

// Test files share one store (vitest runs them without isolation): start from a fresh one.
beforeEach(() => useStation.setState(useStation.getInitialState(), true));
afterEach(() => {
  memory?.stop();
  memory = null;
  useStation.setState(useStation.getInitialState(), true);
});

describe('the package weight typed for the open order, across a reload', () => {
  it('comes back with the order, typed as a weight or as text that is none', () => {
    const storage = tab();
    memory = rememberPackageWeight(STATION, storage);
    state().openOrder(A);
    state().setPackageWeight(1250);
    reloadReopening(storage, A);
    expect(state()).toMatchObject({ openFulfillmentOrderId: A, packageWeightGrams: 1250, packageWeightUnreadable: null });
    // Text that is no weight comes back as typed: Ship still refuses it rather than ship unweighed.
    state().setPackageWeight(null, '1,2,5');
    reloadReopening(storage, A);
    expect(state()).toMatchObject({ packageWeightGrams: null, packageWeightUnreadable: '1,2,5' });
  });

  it('is not put on another order opened after the reload', () => {
    const storage = tab();
    memory = rememberPackageWeight(STATION, storage);
    state().openOrder(A);
    state().setPackageWeight(1250);
    reloadReopening(storage, B);
    expect(state().packageWeightGrams).toBeNull();
    // Nor on the first order later: another one was opened since.
    reloadReopening(storage, A);
    expect(state().packageWeightGrams).toBeNull();
    expect(storage.kept.size).toBe(0);
  });

  it('is forgotten when the package is made with it, another order is opened, or the field is cleared', () => {
    const storage = tab();
    memory = rememberPackageWeight(STATION, storage);
    for (const forget of [
      () => state().setPackageWeight(null), // the package was made (ship-flow.ts), or the field cleared
      () => state().openOrder(B),
      () => state().openOrder(null), // closed: shipped, signed out, taken away
    ]) {
      state().openOrder(A);
      state().setPackageWeight(800);
      expect(storage.kept.size).toBe(1);
      forget();
      expect(storage.kept.size).toBe(0);
      reloadReopening(storage, A);
      expect(state().packageWeightGrams).toBeNull();
      state().openOrder(null);
    }
  });

  it('does not replace a weight typed after the order opened again', () => {
    const storage = tab();
    memory = rememberPackageWeight(STATION, storage);
    state().openOrder(A);
    state().setPackageWeight(1250);
    memory.stop();
    useStation.setState(useStation.getInitialState(), true);
    memory = rememberPackageWeight(STATION, storage);
    state().openOrder(A);
    state().setPackageWeight(900);
    memory.restore(A);
    expect(state().packageWeightGrams).toBe(900);
  });
});
