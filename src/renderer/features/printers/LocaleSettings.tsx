import { useState, type FormEvent } from 'react';
import type { StationSettings } from '../../../shared/contract/index';
import { stationFormat, useStationLocale } from '../../app/station-format';
import { useStation } from '../../app/station-store';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';
import { saveSettings } from './save-settings';

const LOCALES = ['en-GB', 'en-IE', 'en-US', 'de-DE', 'fr-FR', 'nl-NL', 'es-ES', 'it-IT', 'pl-PL'];
const SAMPLE = '2026-07-03T14:05:09Z';

/** A supervisor sets how this station writes dates, times, numbers and weights, and its time zone. */
export function LocaleSettings({
  client,
  settings,
  onSaved,
}: {
  client: StationClient;
  settings: StationSettings;
  onSaved: (s: StationSettings) => void;
}) {
  const [locale, setLocale] = useState(settings.locale ?? '');
  const [timeZone, setTimeZone] = useState(settings.timeZone ?? '');
  const say = useStation((s) => s.say);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const validZone = timeZone === '' || zones.length === 0 || zones.includes(timeZone);
  const sample = stationFormat({ locale: locale || undefined, timeZone: validZone ? timeZone || undefined : undefined });
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const saved = await saveSettings(client, () => ({ locale: locale || null, timeZone: timeZone || null }));
      useStationLocale.getState().setLocale(saved);
      onSaved(saved);
      say(
        'success',
        `Dates and times now read like ${stationFormat({ locale: saved.locale ?? undefined, timeZone: saved.timeZone ?? undefined }).dateTime(SAMPLE)}`,
      );
    } catch (err) {
      say('error', `Locale not saved: ${err instanceof StationCallError ? err.message : String(err)}`);
    }
  }
  return (
    <form className="locale-settings" onSubmit={(e) => void save(e)} data-testid="locale-settings">
      <h3>Dates, times and numbers</h3>
      <label>
        Locale
        <select value={locale} onChange={(e) => setLocale(e.target.value)} data-testid="station-locale">
          <option value="">This computer&apos;s</option>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Time zone
        <input
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value.trim())}
          list="time-zones"
          placeholder="e.g. Europe/London"
          aria-invalid={!validZone}
          data-testid="station-time-zone"
        />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <span data-testid="locale-sample">
        {sample.dateTime(SAMPLE)} · {sample.weight(1250)}
      </span>
      <button type="submit" disabled={!validZone}>
        Save
      </button>
    </form>
  );
}
