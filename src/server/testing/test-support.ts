import { vi } from 'vitest';

export { apiClient, type ApiCallOptions, type ApiClient, type ApiResponse } from './api-client';

/**
 * Polls `probe` until it returns something truthy and returns that. For things that happen in
 * the background (deliveries, jobs, replication); the timeout is generous because the CI machine
 * is loaded, and only a failing test ever waits for it.
 */
export function eventually<T>(
  what: string,
  probe: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`gave up waiting for ${what}`);
      return value;
    },
    { timeout: options.timeoutMs ?? 20_000, interval: 50 },
  );
}
