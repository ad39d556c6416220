import type { SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import type { SsccRefillFailure, SsccStock } from '../../../shared/contract/sscc-stock';
import { plural } from '../../../shared/words/plural';
import type { SsccRangeStock } from './sscc-allocator';
import { NEW_RANGE_NEEDED, RE_ENROL_NEEDED, REFUSAL_TO_SEE } from './sscc-refill-failure';

/**
 * Below these the station says again, with sound, how few are left; the first mark is the
 * allocator's refill mark itself (see ssccStockOf).
 */
const LOWER_STEPS = [50, 10];

/**
 * The stock of the range the label settings use, as the station shows it. It warns below the
 * refill mark (300) only while the refill fails: online, the station never stays below that mark
 * (more is fetched within seconds), so being there with no refill means the reserve kept for going
 * offline is being spent. That warns a few hundred labels ahead, hours of a busy shift, not
 * minutes, and never warns a station that is simply working online.
 */
export function ssccStockOf(range: SsccBlockRequest, stock: SsccRangeStock): SsccStock {
  const { remaining, lowWater, refillFailed } = stock;
  const warns = refillFailed !== null && remaining < lowWater;
  const marks = [lowWater, ...LOWER_STEPS.filter((s) => s < lowWater)];
  return {
    ...range,
    remaining,
    refillFailed,
    warning: warns ? warningWords(range, remaining, refillFailed) : null,
    warnBelow: warns ? Math.min(...marks.filter((m) => remaining < m)) : null,
  };
}

/** The count, and what brings more: only a station with no server is told to connect it (a revoked or refused one is connected). */
function warningWords(range: SsccBlockRequest, remaining: number, why: SsccRefillFailure): string {
  const none = remaining === 0;
  const left = none ? 'No shipping label numbers' : plural(remaining, 'shipping label number');
  switch (why) {
    case 'range-used-up':
      return `${left} left at this station, and the server has none left to give: every number of extension digit ${range.extensionDigit} and company prefix ${range.companyPrefix} is used up, so ${NEW_RANGE_NEEDED}`;
    case 'revoked':
      return `${left} left at this station: ${RE_ENROL_NEEDED}${none ? ', and it prints no shipping labels until then' : ''}`;
    case 'refused':
      return `${left} left at this station: ${REFUSAL_TO_SEE} ${none ? 'before it can print shipping labels again' : 'before they run out'}`;
    case 'no-server':
      return `${left} left at this station: connect it to the server to ${none ? 'print shipping labels again' : 'get more before they run out'}`;
  }
}
