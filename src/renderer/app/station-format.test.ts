import { describe, expect, it } from 'vitest';
import { stationFormat } from './station-format';

const now = () => new Date('2026-12-04T10:00:00Z');

describe('stationFormat', () => {
  it('writes a London station day-month, in London time', () => {
    const f = stationFormat({ locale: 'en-GB', timeZone: 'Europe/London' }, now);
    expect(f.dateTime('2026-07-03T14:05:09Z')).toBe('03/07/2026, 15:05:09');
    expect(f.when('2026-12-04T09:30:00Z')).toBe('09:30:00');
    expect(f.weight(1250)).toBe('1.25 kg');
  });

  it('writes a US station month-day, in its own time zone', () => {
    const f = stationFormat({ locale: 'en-US', timeZone: 'America/New_York' }, now);
    expect(f.dateTime('2026-07-03T14:05:09Z')).toBe('7/3/26, 10:05:09 AM');
  });

  it('writes German numbers and weights with a decimal comma', () => {
    const f = stationFormat({ locale: 'de-DE', timeZone: 'Europe/Berlin' }, now);
    expect(f.weight(1250)).toBe('1,25 kg');
    expect(f.number(12500)).toBe('12.500');
  });

  it('gives a time that is not today its date, and an impossible time as recorded', () => {
    const f = stationFormat({ locale: 'en-GB', timeZone: 'Europe/London' }, now);
    expect(f.when('2026-12-01T09:30:00Z')).toBe('01/12/2026, 09:30:00');
    expect(f.when('not a time')).toBe('not a time');
  });
});
