import type { CancelMoney } from '../../../shared/api/order-commands';
import type { SupervisorCancelPreview } from '../../../shared/contract/supervisor';
import { formatMinor } from '../../../shared/labels/templates/billing-document';
import { plural } from '../../../shared/words/plural';

/**
 * What the supervisor is asked before cancelling a customer's whole order, from what the server
 * says the cancel does: which order, every one of its units (those at other warehouses named), what
 * becomes of them by where they stand (picked ones back to stock, or written off when unsellable;
 * those never picked simply not sent, still on the shelf), the money in the payment's terms, and that it is final.
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
 * or written off. Units never picked are still on the shelf and simply not sent, whether or not
 * the picked ones are written off (the server's cancel releases them either way).
 */
function fateWords({ units, unitStates }: Pick<SupervisorCancelPreview, 'units' | 'unitStates'>, restock: boolean): string {
  // An older server does not say where they stand: what the cancel does to each kind, in general.
  if (!unitStates) {
    const picked: Fate = restock ? 'restocked' : 'written off';
    if (units === 1) return `: if picked, it ${FATE_WORDS[picked][0]}; if not, it ${FATE_WORDS['not sent'][0]}`;
    return `: any picked ${FATE_WORDS[picked][1]}, the rest ${FATE_WORDS['not sent'][1]}`;
  }
  const { picked, notPicked, backordered } = unitStates;
  const notRouted = Math.max(0, units - picked - notPicked - backordered);
  const all: { count: number; what: string; fate: Fate }[] = [
    { count: picked, what: 'picked', fate: restock ? 'restocked' : 'written off' },
    { count: notPicked + notRouted, what: 'not picked yet', fate: 'not sent' },
    { count: backordered, what: 'on backorder', fate: 'not sent' },
  ];
  const groups = all.filter((g) => g.count > 0);
  const [only] = groups;
  if (!only) return '';
  const says = (count: number, fate: Fate) => FATE_WORDS[fate][count === 1 ? 0 : 1];
  if (groups.length === 1) {
    if (only.what === 'picked') return ` and ${says(units, only.fate)}`;
    return `: ${only.what}, ${units === 1 ? 'it' : 'they'} ${says(units, only.fate)}`;
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
