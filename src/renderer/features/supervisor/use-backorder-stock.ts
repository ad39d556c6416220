import { useCallback, useState } from 'react';
import type { StationClient } from '../../station-client/index';

/**
 * The units of a backorder's SKU each warehouse could give it now, asked when the supervisor
 * opens its "Reassign to…" list (again each time: stock moves), so the list says where it can go
 * and a warehouse without enough cannot be chosen. Until the answer (or offline) the list is plain.
 */
export function useBackorderStock(client: Pick<StationClient, 'call'>, backorderId: string) {
  const [available, setAvailable] = useState<ReadonlyMap<string, number> | null>(null);
  const load = useCallback(() => {
    client.call('supervisor.backorder-stock', { backorderId }).then(
      (options) => setAvailable(new Map(options.map((o) => [o.warehouseId, o.available]))),
      () => undefined /* the list stays plain; Reassign still says why it is refused */,
    );
  }, [client, backorderId]);
  return {
    load,
    /** Beside a warehouse's name: its units, or that it keeps none (a dropship location). */
    text(warehouseId: string): string {
      if (!available) return '';
      const units = available.get(warehouseId);
      return units === undefined ? ' · keeps no stock' : ` · ${Math.max(0, units)} available`;
    },
    /** Known not to have enough (a refusal for certain). */
    short(warehouseId: string, quantity: number): boolean {
      return available !== null && (available.get(warehouseId) ?? 0) < quantity;
    },
  };
}
