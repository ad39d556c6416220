import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../services/json-file';

interface StoredDevice {
  id: string;
  /** SHA-256 of the token: the file alone does not let anyone act as a device. */
  tokenSha256: string;
  issuedAt: string;
  /** What the supervisor's list calls it; devices paired before screens had names have none. */
  name?: string;
}

interface DevicesFile {
  /** 2: devices paired with a code (or the station's own page). Version 1 tokens went to anyone who asked: they are not kept. */
  version: 2;
  devices: StoredDevice[];
}

export interface DeviceTokensOptions {
  /** Devices remembered; past it the longest-known is forgotten (it gets a new token, and signs in again). */
  maxDevices?: number;
}

/**
 * The devices (browsers, handhelds) a station host knows, by the token each was issued. Tokens
 * are random and unguessable and kept hashed in the data directory, so a host restart keeps its
 * devices. Only a paired device gets one (device-admission decides who is paired).
 */
export function createDeviceTokens(dataDir: string, options: DeviceTokensOptions = {}) {
  const path = join(dataDir, 'devices.json');
  const maxDevices = options.maxDevices ?? 1000;
  const stored = readJsonFile<DevicesFile | { version: 1 }>(path);
  const devices = new Map<string, StoredDevice>((stored?.version === 2 ? stored.devices : []).map((d) => [d.tokenSha256, d]));
  const hash = (token: string) => createHash('sha256').update(token).digest('hex');

  return {
    /** A new device and its token (returned once; only its hash is kept), named by `name` (given its id) if given. */
    issue(name?: (deviceId: string) => string): { deviceId: string; deviceToken: string } {
      const deviceToken = `dkd_${randomBytes(32).toString('base64url')}`;
      const id = randomUUID();
      const device: StoredDevice = { id, tokenSha256: hash(deviceToken), issuedAt: new Date().toISOString(), name: name?.(id) };
      devices.set(device.tokenSha256, device);
      // A Map iterates in insertion order: the first entries are the longest-known.
      for (const key of devices.keys()) {
        if (devices.size <= maxDevices) break;
        devices.delete(key);
      }
      writeJsonFileAtomic(path, { version: 2, devices: [...devices.values()] } satisfies DevicesFile);
      return { deviceId: device.id, deviceToken };
    },
    /** The device holding this token, or null when the token is not one this host issued. */
    deviceOf(token: string): string | null {
      return devices.get(hash(token))?.id ?? null;
    },
    /** The name a device was given when it paired; null for one this host does not know, or paired unnamed. */
    nameOf(deviceId: string): string | null {
      for (const device of devices.values()) if (device.id === deviceId) return device.name ?? null;
      return null;
    },
  };
}
export type DeviceTokens = ReturnType<typeof createDeviceTokens>;
