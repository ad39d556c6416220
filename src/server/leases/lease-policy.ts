import type { ServerConfig } from '../config';

/** How long leases last and the clock they are granted and lapse by. */
export interface LeasePolicy {
  ttlMs: number;
  now(): Date;
}

export function leasePolicyOf(config: Pick<ServerConfig, 'leaseTtlMs' | 'now'>): LeasePolicy {
  return { ttlMs: config.leaseTtlMs, now: config.now ?? (() => new Date()) };
}
