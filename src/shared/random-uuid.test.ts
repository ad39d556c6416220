import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomUuid } from './random-uuid';

describe('random UUIDs without crypto.randomUUID', () => {
  it('are version 4 UUIDs of the RFC variant, as zod and PostgreSQL read them', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.string().uuid().safeParse(id).success).toBe(true);
    }
  });

  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, randomUuid));
    expect(ids.size).toBe(10_000);
  });
});
