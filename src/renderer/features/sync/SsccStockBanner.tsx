import type { SsccStock } from '../../../shared/contract/index';

/** Under the sync bar while this station runs low on shipping label numbers and cannot get more: main's words, with the count. */
export function SsccStockBanner({ stock }: { stock: SsccStock | null }) {
  if (!stock?.warning) return null;
  return (
    <div className="offline-banner" role="status" data-testid="sscc-stock-banner" data-remaining={stock.remaining}>
      {stock.warning}
    </div>
  );
}
