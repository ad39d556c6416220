import { z } from 'zod';

/** 16 KB of JSON: room for any integration's references and flags, not for documents. */
export const MAX_FREE_FORM_CHARS = 16 * 1024;

/**
 * A caller's own key-value data stored with an entity and sent back on every read (order and
 * line metadata, a task's detail). Bounded in serialized size, so a client cannot park
 * megabytes on an order that every list, pull and webhook then carries.
 */
export const FreeFormObject = z.record(z.string().max(100), z.unknown()).superRefine((value, ctx) => {
  const chars = JSON.stringify(value).length;
  if (chars > MAX_FREE_FORM_CHARS) {
    ctx.addIssue({
      code: 'custom',
      message: `${chars} characters of JSON, more than ${MAX_FREE_FORM_CHARS} (16 KB): store a reference to a larger document instead`,
    });
  }
});
