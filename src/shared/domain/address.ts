import { z } from 'zod';

export const Address = z.strictObject({
  name: z.string().min(1).max(200),
  company: z.string().max(200).optional(),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
  phone: z.string().max(40).optional(),
  email: z.string().email().max(200).optional(),
});
export type Address = z.infer<typeof Address>;
