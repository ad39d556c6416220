import { z } from 'zod';
import { Address } from '../domain/address';

/** What each label template is printed from. One description per label, rendered to every output. */
export const LABEL_TEMPLATES = ['shipping-label', 'sscc-label', 'packing-slip', 'return-label', 'pick-list', 'test-label'] as const;
export type LabelTemplate = (typeof LABEL_TEMPLATES)[number];

export const LABEL_FORMATS = ['zpl', 'escpos', 'pdf'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export const ShippingLabelData = z.object({
  orderNumber: z.string().min(1).max(40),
  packageId: z.string().uuid(),
  packageIndex: z.number().int().min(1),
  packageCount: z.number().int().min(1),
  shipTo: Address,
  shipFrom: Address.optional(),
  carrier: z.string().max(64).nullable().default(null),
  service: z.string().max(64).nullable().default(null),
  trackingNumber: z.string().max(64).nullable().default(null),
  weightGrams: z.number().int().min(0).nullable().default(null),
  reference: z.string().max(100).optional(),
  /** An SSCC this carton already has (e.g. from its carton label); when absent the station allocates one. */
  sscc: z.string().regex(/^\d{18}$/).optional(),
});
export type ShippingLabelData = z.infer<typeof ShippingLabelData>;

export const TestLabelData = z.object({ message: z.string().max(200).default('Dockside printer test') });
export type TestLabelData = z.infer<typeof TestLabelData>;
