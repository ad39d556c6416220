import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../shared/config/environment';
import { configFromEnv } from './config';
import { spawnServer } from './testing/server-process';

function messageOf(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvironmentError);
    return (err as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('server configuration from the environment', () => {
  it('has a default for everything an operator may leave unset', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: null,
      orderNumberPrefix: 'ORD',
      pgPoolSize: 10,
      logLevel: 'info',
      paymentWebhookSecret: null,
    });
    expect(config.webhooks).toMatchObject({ maxAttempts: 12, pollMs: 1000, secretKey: null });
  });

  it('reads what is set, all of it through the one schema', () => {
    const config = configFromEnv({
      PORT: '8080',
      DOCKSIDE_PG_POOL: '4',
      DOCKSIDE_WEBHOOK_TIMEOUT_MS: '2000',
      DOCKSIDE_LOG_LEVEL: 'warn',
      DOCKSIDE_DATA_DIR: ':memory:',
      DOCKSIDE_LEASE_TTL_MINUTES: '30',
    });
    expect(config).toMatchObject({ port: 8080, pgPoolSize: 4, logLevel: 'warn', dataDir: null, leaseTtlMs: 30 * 60_000 });
    expect(config.webhooks).toMatchObject({ timeoutMs: 2000, leaseMs: 6000 });
  });

  it('names the variable, what it wants and what it got', () => {
    expect(messageOf(() => configFromEnv({ PORT: 'abc' }))).toContain('PORT must be an integer 0-65535, got "abc"');
    expect(messageOf(() => configFromEnv({ PORT: '70000' }))).toContain('PORT must be an integer 0-65535, got "70000"');
    expect(messageOf(() => configFromEnv({ DOCKSIDE_LOG_LEVEL: 'loud' }))).toContain(
      'DOCKSIDE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
  });

  it('reports every wrong variable at once, and never echoes a secret', () => {
    const message = messageOf(() =>
      configFromEnv({ DOCKSIDE_HEARTBEAT_MS: '1.5', DATABASE_URL: 'mysql://root:hunter2@db', DOCKSIDE_BOOTSTRAP_TOKEN: 'short-secret' }),
    );
    expect(message).toContain('DOCKSIDE_HEARTBEAT_MS must be an integer');
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).toContain('DOCKSIDE_BOOTSTRAP_TOKEN must be 24 to 512 characters');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('short-secret');
  });

  it('the server refuses to start on a wrong variable, saying which', async () => {
    const start = spawnServer({ PORT: 'abc', DOCKSIDE_DATA_DIR: ':memory:' });
    await expect(start).rejects.toThrow(/exited with 2[\s\S]*PORT must be an integer 0-65535, got "abc"/);
  }, 60_000);
});
