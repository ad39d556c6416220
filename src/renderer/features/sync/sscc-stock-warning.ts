import type { SsccStock } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';

/**
 * Main's SSCC stock, pushed or fetched: the sync bar shows its warning for as long as main sends
 * one (SsccStockBanner). It is also said once, with the error sound, when it first appears and each
 * time the count drops below a lower mark (warnBelow): a packer looking at the order hears it,
 * and it does not block scanning (labels still print until none is left).
 */
export function showSsccStock(stock: SsccStock): void {
  const { sync, patchSync, say } = useStation.getState();
  const before = sync.ssccStock?.warnBelow ?? null;
  patchSync({ ssccStock: stock });
  if (stock.warning !== null && stock.warnBelow !== null && (before === null || stock.warnBelow < before))
    say('info', stock.warning, 'error');
}
