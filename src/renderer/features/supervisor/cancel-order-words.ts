import type { CancelMoney } from '../../../shared/api/order-commands';
import type { SupervisorCancelPreview } from '../../../shared/contract/supervisor';
import { formatMinor } from '../../../shared/labels/templates/billing-document';
import { plural } from '../../../shared/words/plural';

/**
 * What the supervisor is asked before cancelling a customer's whole order, from what the server
 * says the cancel does: which order, every one of its units (those at other warehouses named), what
 * becomes of them (back to stock, or written off when picked and unsellable), the money in the
 * payment's terms, and that it is final.
 */
export function cancelOrderQuestion(preview: Omit<SupervisorCancelPreview, 'orderId'>, restock: boolean): string {
  const one = preview.units === 1;
  const fate = restock ? `${one ? 'goes' : 'go'} back to stock` : `${one ? 'is' : 'are'} written off`;
  const units = `Its ${plural(preview.units, 'unit')}${elsewhereWords(preview)} will not ship and ${fate}`;
  return `Cancel ${preview.orderNumber} for ${preview.customerName}? ${units}${moneyWords(preview.money)} This cannot be undone.`;
}

/** " (1 of them at MAN-1)", " (all at MAN-1)": the units other warehouses hold; nothing when all are here. */
function elsewhereWords({ units, elsewhere }: Pick<SupervisorCancelPreview, 'units' | 'elsewhere'>): string {
  const [first, ...rest] = elsewhere;
  if (!first) return '';
  if (!rest.length && first.units === units) return ` (${units === 1 ? 'at' : 'all at'} ${first.warehouse})`;
  return ` (${[`${first.units} of them at ${first.warehouse}`, ...rest.map((w) => `${w.units} at ${w.warehouse}`)].join(', ')})`;
}

/** The money as the payment stands: a refund only of what was captured; an authorization is let go, not refunded. */
function moneyWords(money: CancelMoney): string {
  if (money.kind === 'refund') return `, and ${formatMinor(money.amountMinor, money.currency)} ${money.currency} is refunded.`;
  if (money.kind === 'authorization') return ". Nothing was captured: the payment's authorization is no longer needed.";
  return '.';
}
