import type { SsccStock } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { playSound } from '../../feedback/sounds';

/**
 * Main's SSCC stock, pushed or fetched: the sync bar shows its warning for as long as main sends
 * one (SsccStockBanner). It is also said once, with the error sound, when it first appears and each
 * time the count drops below a lower mark (warnBelow): a packer looking at the order hears it,
 * and it does not block scanning (labels still print until none is left). An error waiting for its
 * OK is not replaced (a revoked station's, a refusal the packer must read): the sound and the
 * banner say it then.
 */
export function showSsccStock(stock: SsccStock): void {
  const { sync, patchSync, say, message } = useStation.getState();
  const before = sync.ssccStock?.warnBelow ?? null;
  patchSync({ ssccStock: stock });
  if (stock.warning === null || stock.warnBelow === null || (before !== null && stock.warnBelow >= before)) return;
  if (message?.needsAck) playSound('error');
  else say('info', stock.warning, 'error');
}
