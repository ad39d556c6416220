import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/**
 * Where the station keeps its server credential. Electron encrypts it with safeStorage
 * (the OS keychain); the station host keeps it in a file only its user can read.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export function fileSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, 'secrets.json');
  const read = () => readJsonFile<Record<string, string>>(path) ?? {};
  return {
    get: (name) => read()[name] ?? null,
    set(name, value) {
      writeJsonFileAtomic(path, { ...read(), [name]: value }, 0o600);
    },
    delete(name) {
      const all = read();
      delete all[name];
      writeJsonFileAtomic(path, all, 0o600);
    },
  };
}
