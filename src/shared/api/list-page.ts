import { z } from 'zod';

/** A list answer (`{ data: [...] }`, and `nextCursor` where the list pages), its items read with `item`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable().optional() });
