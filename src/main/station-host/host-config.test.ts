import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../shared/config/environment';
import { stationHostConfigFromEnv } from './host-config';

function messageOf(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvironmentError);
    return (err as Error).message;
  }
  throw new Error('the environment was accepted');
}

describe('station host configuration from the environment', () => {
  it('reads the host, the server URL and the LAN names', () => {
    const config = stationHostConfigFromEnv({
      PORT: '5200',
      DOCKSIDE_SERVER_URL: 'http://10.0.0.5:4000',
      DOCKSIDE_ALLOWED_HOSTS: 'pack-1.local, ,pack-2.local',
    });
    expect(config).toMatchObject({
      port: 5200,
      serverUrl: 'http://10.0.0.5:4000',
      allowedHostnames: ['127.0.0.1', 'localhost', '[::1]', 'pack-1.local', 'pack-2.local'],
    });
  });

  it('names a wrong variable', () => {
    expect(messageOf(() => stationHostConfigFromEnv({ DOCKSIDE_SERVER_URL: 'central:4000' }))).toContain(
      'DOCKSIDE_SERVER_URL must be an http:// or https:// URL, got "central:4000"',
    );
  });
});
