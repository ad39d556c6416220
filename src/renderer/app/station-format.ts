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
  const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
  const time = (iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'medium' }).format(at);
  };
  const dateTime = (iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime())
      ? iso
      : new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(at);
  };
  return {
    time,
    dateTime,
    /** A time today, else with its date. */
    when: (iso: string) => {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) return iso;
      return dayOf(at) === dayOf(now()) ? time(iso) : dateTime(iso);
    },
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    /** Grams as kilograms, e.g. "1.25 kg" (en-GB) or "1,25 kg" (de-DE). */
    weight: (grams: number) =>
      `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(grams / 1000)} kg`,
  };
}
export type StationFormat = ReturnType<typeof stationFormat>;

/** The formatter for the station's current locale. */
export function useStationFormat(): StationFormat {
  const locale = useStationLocale((s) => s.locale);
  const timeZone = useStationLocale((s) => s.timeZone);
  return stationFormat({ locale, timeZone });
}
