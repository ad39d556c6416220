import { safeStorage } from 'electron';
import { join } from 'node:path';
import type { SecretStore } from '../services/secret-store';
import { readJsonFile, writeJsonFileAtomic } from '../services/json-file';

/** Secrets encrypted with the OS keychain through Electron's safeStorage. */
export function safeStorageSecrets(dataDir: string): SecretStore {
  const path = join(dataDir, 'secrets.enc.json');
  const read = () => readJsonFile<Record<string, string>>(path) ?? {};
  return {
    get(name) {
      const value = read()[name];
      return value ? safeStorage.decryptString(Buffer.from(value, 'base64')) : null;
    },
    set(name, value) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available to encrypt the station credential');
      writeJsonFileAtomic(path, { ...read(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete(name) {
      const all = read();
      delete all[name];
      writeJsonFileAtomic(path, all);
    },
  };
}
