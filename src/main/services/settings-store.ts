import { join } from 'node:path';
import { StationSettings } from '../../shared/contract/settings';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** Station settings on disk, validated on every read and write. */
export function createSettingsStore(dataDir: string, initial: Partial<StationSettings> = {}) {
  const path = join(dataDir, 'settings.json');
  let current = StationSettings.parse({ ...initial, ...(readJsonFile<Partial<StationSettings>>(path) ?? {}) });
  return {
    get: (): StationSettings => current,
    update(patch: Partial<StationSettings>): StationSettings {
      current = StationSettings.parse({ ...current, ...patch });
      writeJsonFileAtomic(path, current);
      return current;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
