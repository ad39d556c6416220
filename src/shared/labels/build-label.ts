import type { LabelContext } from './label-context';
import type { LabelRequest, PaperSize } from './label-data';
import type { LabelDocument } from './layout';
import { manifest } from './templates/manifest';
import { packingSlip } from './templates/packing-slip';
import { pickList } from './templates/pick-list';
import { returnLabel } from './templates/return-label';
import { returnReceipt } from './templates/return-receipt';
import { shippingLabel } from './templates/shipping-label';
import { ssccLabel } from './templates/sscc-label';
import { testLabel } from './templates/test-label';

export type { LabelRequest } from './label-data';

/** Templates drawn from a layout; a carrier label arrives ready-made and is never laid out. */
export type LayoutRequest = Exclude<LabelRequest, { template: 'carrier-label' }>;

/** One description per template, whatever the output. `paper` applies to slips and lists. */
export function buildLabel(request: LayoutRequest, ctx: LabelContext, paper: PaperSize = '4x6'): LabelDocument {
  switch (request.template) {
    case 'shipping-label':
      return shippingLabel(request.data, ctx);
    case 'sscc-label':
      return ssccLabel(request.data, ctx);
    case 'packing-slip':
      return packingSlip(request.data, ctx, request.paper ?? paper);
    case 'return-label':
      return returnLabel(request.data, ctx);
    case 'pick-list':
      return pickList(request.data, ctx, request.paper ?? paper);
    case 'test-label':
      return testLabel(request.data, ctx);
    case 'manifest':
      return manifest(request.data, ctx, request.paper ?? paper);
    case 'return-receipt':
      return returnReceipt(request.data, ctx);
  }
}

/** Templates that identify a logistic unit and so carry an SSCC. */
export function carriesSscc(template: string): boolean {
  return template === 'shipping-label' || template === 'sscc-label';
}
