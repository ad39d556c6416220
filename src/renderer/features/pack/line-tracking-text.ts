import type { FulfillmentDocument, FulfillmentLine } from '../../../shared/sync/fulfillment-document';
import { describeUnits } from '../../../shared/domain/unit-tracking';

/**
 * A line's lots or serials, scanned and packed, or what it still needs: nothing for untracked
 * SKUs, nor for a line with no unit left to scan (a short pick took them all off).
 */
export function lineTrackingText(line: FulfillmentLine, doc: FulfillmentDocument): string {
  if (!line.tracking || line.tracking === 'none') return '';
  // A voided package's units are back among the line's captured ones.
  const packed = doc.packages
    .filter((p) => p.status !== 'voided')
    .flatMap((p) => p.contents.filter((c) => c.lineId === line.lineId).flatMap((c) => c.units ?? []));
  const all = [...packed, ...(line.captured ?? [])];
  if (all.length) return describeUnits(all);
  if (line.verified >= line.quantity) return '';
  return line.tracking === 'serial' ? 'serial needed' : 'lot needed';
}
