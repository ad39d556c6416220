import { buildSscc } from '../src/shared/domain/gs1';
import type { LayoutRequest } from '../src/shared/labels/build-label';
import type { LabelContext } from '../src/shared/labels/label-context';
import { packingSlipData, pickListData, returnLabelData, shippingData, ssccLabelData } from '../src/main/printing/testing/fixtures';

/** One request per template, as the label benchmarks render them. */
export const BENCH_CONTEXT: LabelContext = {
  printedAt: '2025-03-14T09:30:00.000Z',
  sscc: { value: buildSscc(3, '0614141', 123456), companyPrefixLength: 7 },
  printer: { name: 'bench', dpi: 203, language: 'zpl' },
};

export const BENCH_REQUESTS: Record<string, LayoutRequest> = {
  'shipping-label (2 barcodes)': { template: 'shipping-label', data: shippingData({ trackingNumber: null }) },
  'shipping-label (3 barcodes)': { template: 'shipping-label', data: shippingData() },
  'sscc-label': { template: 'sscc-label', data: ssccLabelData() },
  'packing-slip (8 lines)': { template: 'packing-slip', data: packingSlipData(8) },
  'return-label': { template: 'return-label', data: returnLabelData() },
  'pick-list (20 lines)': { template: 'pick-list', data: pickListData(20) },
  'test-label': { template: 'test-label', data: { message: 'bench' } },
};
