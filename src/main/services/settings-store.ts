import { join } from 'node:path';
import { HandlerError } from '../../shared/contract/dispatch';
import { StationSettings, type SettingsPatch } from '../../shared/contract/settings';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** Station settings on disk, validated on every read and write. */
export function createSettingsStore(dataDir: string, initial: Partial<StationSettings> = {}) {
  const path = join(dataDir, 'settings.json');
  let current = StationSettings.parse({ ...initial, ...(readJsonFile<Partial<StationSettings>>(path) ?? {}) });
  return {
    get: (): StationSettings => current,
    update(patch: SettingsPatch): StationSettings {
      const next = StationSettings.parse({ ...current, ...patch });
      // A document routed to a printer that is not there would only fail later, at the packer.
      const ids = new Set(next.printers.map((p) => p.id));
      const dangling = Object.entries(next.routes).filter(([, id]) => !ids.has(id!));
      if (dangling.length)
        throw new HandlerError('unknown_printer', `no printer with id ${dangling[0]![1]} for ${dangling.map(([t]) => t).join(', ')}`);
      current = next;
      writeJsonFileAtomic(path, current);
      return current;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
