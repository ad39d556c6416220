import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** An order on the picker's cart, and the tote it goes into (null until the picker scans one). */
export interface CartSlot {
  fulfillmentOrderId: string;
  orderNumber: string;
  tote: string | null;
}

interface PickState {
  cart: CartSlot[];
  /**
   * The bin whose label the picker scanned last: they are at it until they scan another (a next
   * stop from it needs no second scan). The units scanned for the current stop.
   */
  atBinId: string | null;
  inHand: number;
  /** Bins found short of a SKU (`binId/sku`) on this cart. */
  emptied: string[];
  loadCart(slots: CartSlot[]): void;
  assignTote(fulfillmentOrderId: string, tote: string): void;
  arrive(binId: string): void;
  addUnit(): void;
  stopDone(): void;
  markEmptied(key: string): void;
  clearCart(): void;
}

/**
 * The cart as the picker loaded it. Kept in the browser's storage: which tote holds which order
 * is physical, and must survive a reload in the middle of a walk (the picks themselves are events).
 */
export const usePick = create<PickState>()(
  persist(
    (set) => ({
      cart: [],
      atBinId: null,
      inHand: 0,
      emptied: [],
      loadCart: (cart) => set({ cart, atBinId: null, inHand: 0, emptied: [] }),
      assignTote: (id, tote) => set((s) => ({ cart: s.cart.map((c) => (c.fulfillmentOrderId === id ? { ...c, tote } : c)) })),
      // The same bin's label again is the picker confirming where they are: the units in hand still count.
      arrive: (atBinId) => set((s) => (s.atBinId === atBinId ? {} : { atBinId, inHand: 0 })),
      addUnit: () => set((s) => ({ inHand: s.inHand + 1 })),
      stopDone: () => set({ inHand: 0 }),
      markEmptied: (key) => set((s) => ({ emptied: [...s.emptied, key] })),
      clearCart: () => set({ cart: [], atBinId: null, inHand: 0, emptied: [] }),
    }),
    { name: 'dockside-pick-cart' },
  ),
);
