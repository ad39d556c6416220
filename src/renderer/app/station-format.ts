import { create } from 'zustand';

/** The station's locale and time zone (station settings); undefined: the computer's own. */
export interface StationLocale {
  locale?: string;
  timeZone?: string;
}

export const useStationLocale = create<StationLocale & { setLocale(l: { locale: string | null; timeZone: string | null }): void }>(
  (set) => ({
    setLocale: ({ locale, timeZone }) => set({ locale: locale ?? undefined, timeZone: timeZone ?? undefined }),
  }),
);

/**
 * Dates, times, numbers and weights as the station's locale writes them, in its time zone (a
 * London station: day-month dates, Europe/London time). An impossible time is shown as recorded.
 */
export function stationFormat({ locale, timeZone }: StationLocale, now: () => Date = () => new Date()) {
  // Made once: building an Intl formatter costs far more than formatting (a print queue of 50 rows
  // re-rendered on every scan built 150 of them).
  const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'medium' });
  const numberFormat = new Intl.NumberFormat(locale);
  const kilograms = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 3 });
  const shown = (iso: string, format: Intl.DateTimeFormat) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : format.format(at);
  };
  return {
    time: (iso: string) => shown(iso, timeFormat),
    dateTime: (iso: string) => shown(iso, dateTimeFormat),
    /** A time today, else with its date. */
    when: (iso: string) => {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) return iso;
      return dayFormat.format(at) === dayFormat.format(now()) ? timeFormat.format(at) : dateTimeFormat.format(at);
    },
    number: (n: number) => numberFormat.format(n),
    /** Grams as kilograms, e.g. "1.25 kg" (en-GB) or "1,25 kg" (de-DE). */
    weight: (grams: number) => `${kilograms.format(grams / 1000)} kg`,
  };
}
export type StationFormat = ReturnType<typeof stationFormat>;

/** The formatter for the station's current locale (a component using it re-renders when the locale changes). */
export function useStationFormat(): StationFormat {
  const locale = useStationLocale((s) => s.locale);
  const timeZone = useStationLocale((s) => s.timeZone);
  return formatFor({ locale, timeZone });
}

/** The same outside a component: for text built in plain functions that a component calls while it renders. */
export function currentStationFormat(): StationFormat {
  const { locale, timeZone } = useStationLocale.getState();
  return formatFor({ locale, timeZone });
}

function formatFor({ locale, timeZone }: StationLocale): StationFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = stationFormat({ locale, timeZone })));
  return format;
}
/** One formatter per locale and zone the station has used (a handful at most). */
const formats = new Map<string, StationFormat>();
