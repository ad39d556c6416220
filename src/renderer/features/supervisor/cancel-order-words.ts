import type { CancelMoney } from '../../../shared/api/order-commands';
import type { SupervisorCancelPreview } from '../../../shared/contract/supervisor';
import { formatMinor } from '../../../shared/labels/templates/billing-document';
import { plural } from '../../../shared/words/plural';

/**
 * What the supervisor is asked before cancelling a customer's whole order, from what the server
 * says the cancel does: which order, every one of its units (those at other warehouses named), what
 * becomes of them by where they stand (picked ones back to stock, or written off when unsellable;
 * those never picked simply not sent), the money in the payment's terms, and that it is final.
 */
export function cancelOrderQuestion(preview: Omit<SupervisorCancelPreview, 'orderId'>, restock: boolean): string {
  const units = `Its ${plural(preview.units, 'unit')}${elsewhereWords(preview)} will not ship${fateWords(preview, restock)}`;
  return `Cancel ${preview.orderNumber} for ${preview.customerName}? ${units}${moneyWords(preview.money)} This cannot be undone.`;
}

type Fate = 'restocked' | 'written off' | 'not sent';
const FATE_WORDS: Record<Fate, [one: string, many: string]> = {
  restocked: ['goes back to stock', 'go back to stock'],
  'written off': ['is written off', 'are written off'],
  'not sent': ['is simply not sent', 'are simply not sent'],
};

/**
 * What becomes of the units, by where they stand. Picked units are off the shelf: back to stock,
 * or written off. Units never picked are simply not sent, except that not restocking writes off
 * all a warehouse held for the order, picked or not (the server's cancel), and the words say so.
 */
function fateWords({ units, unitStates }: Pick<SupervisorCancelPreview, 'units' | 'unitStates'>, restock: boolean): string {
  const { picked, notPicked, backordered } = unitStates;
  const notRouted = Math.max(0, units - picked - notPicked - backordered);
  const held: Fate = restock ? 'not sent' : 'written off';
  const groups: { count: number; what: string; fate: Fate }[] = [];
  for (const g of [
    { count: picked, what: 'picked', fate: restock ? ('restocked' as const) : ('written off' as const) },
    { count: notPicked, what: 'not picked yet', fate: held },
    { count: notRouted, what: 'not picked yet', fate: 'not sent' as const },
    { count: backordered, what: 'on backorder', fate: 'not sent' as const },
  ]) {
    const same = groups.find((x) => x.what === g.what && x.fate === g.fate);
    if (same) same.count += g.count;
    else if (g.count > 0) groups.push(g);
  }
  const [only] = groups;
  if (!only) return '';
  const says = (count: number, fate: Fate) => FATE_WORDS[fate][count === 1 ? 0 : 1];
  if (groups.length === 1) {
    if (only.what === 'picked') return ` and ${says(units, only.fate)}`;
    return `: ${only.what}, ${units === 1 ? 'it' : 'they'} ${says(units, only.fate)}${only.fate === 'written off' ? ' all the same' : ''}`;
  }
  const byFate = new Map<Fate, { count: number; what: string }[]>();
  for (const g of groups) byFate.set(g.fate, [...(byFate.get(g.fate) ?? []), g]);
  const parts = [...byFate].map(([fate, gs]) => {
    const count = gs.reduce((n, g) => n + g.count, 0);
    return `${gs.map((g) => `${g.count} ${g.what}`).join(' and ')} ${says(gs.length > 1 ? count : gs[0]!.count, fate)}`;
  });
  return `: ${parts.join('; ')}`;
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
