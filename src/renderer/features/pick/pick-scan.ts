import { productCodesOf } from '../../scanner/scanned-code';
import type { PickStop } from './pick-path';

/** Where the picker stands: the bin whose label they scanned last, and the units in hand for the stop. */
export interface PickerAt {
  atBinId: string | null;
  inHand: number;
}

/** What one scan is, on the stop in front of the picker. */
export type PickScan =
  /** The stop's bin label: the picker is at it (again: the units in hand still count). */
  | 'at-bin'
  /** Not at the stop's bin, and the code is not its item: another bin, or nothing of this stop. */
  | 'wrong-bin'
  /** The stop's item, before its bin's label: the bin says where the unit came from. */
  | 'bin-first'
  /** No bin lists the SKU: only a short pick moves on. */
  | 'no-bin'
  | 'unit'
  | 'one-too-many'
  | 'tote'
  | 'tote-before-units'
  | 'wrong-tote'
  | 'not-the-item';

/**
 * Reads a scan on the current stop. The bin last scanned stays confirmed until another bin's is,
 * so a next stop from the same bin (the next unit of a line, or another tote's) takes its item
 * straight away: the picker has not moved.
 */
export function readPickScan(stop: PickStop, picker: PickerAt, code: string, cartTotes: readonly string[]): PickScan {
  if (stop.bin && code === stop.bin.barcode) return 'at-bin';
  const isItem = productCodesOf(code).some((c) => c === stop.sku || c === stop.barcode);
  if (!stop.bin) return 'no-bin';
  if (picker.atBinId !== stop.bin.id) return isItem ? 'bin-first' : 'wrong-bin';
  if (isItem) return picker.inHand + 1 > stop.quantity ? 'one-too-many' : 'unit';
  if (code === stop.tote) return picker.inHand ? 'tote' : 'tote-before-units';
  return cartTotes.includes(code) ? 'wrong-tote' : 'not-the-item';
}
