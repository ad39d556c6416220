import type { StationDatabase } from './station-database';

/** A number this station keeps across restarts under `key` of station_meta (the last answer to a question asked online). */
export function keptInMeta(db: Pick<StationDatabase, 'station_meta'>, key: string) {
  return {
    async recall(): Promise<number | null> {
      return (await db.station_meta.findOne(key).exec())?.value ?? null;
    },
    async keep(value: number): Promise<void> {
      await db.station_meta.upsert({ key, value });
    },
  };
}
