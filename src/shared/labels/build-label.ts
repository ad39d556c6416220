import type { LabelContext } from './label-context';
import type { ShippingLabelData, TestLabelData } from './label-data';
import type { LabelDocument } from './layout';
import { shippingLabel } from './templates/shipping-label';
import { testLabel } from './templates/test-label';

/** A template and its data: what every output renders from. */
export type LabelRequest =
  | { template: 'shipping-label'; data: ShippingLabelData }
  | { template: 'test-label'; data: TestLabelData };

export function buildLabel(request: LabelRequest, ctx: LabelContext): LabelDocument {
  switch (request.template) {
    case 'shipping-label':
      return shippingLabel(request.data, ctx);
    case 'test-label':
      return testLabel(request.data, ctx);
  }
}

/** Templates that identify a logistic unit and so carry an SSCC. */
export function carriesSscc(template: string): boolean {
  return template === 'shipping-label' || template === 'sscc-label';
}
