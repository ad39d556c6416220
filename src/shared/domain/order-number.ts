/** Human order numbers: PREFIX-YYYYMMDD-NNNNN, the daily sequence coming from the database. */
export function formatDocumentNumber(prefix: string, dayUtc: string, sequence: number): string {
  if (!/^\d{8}$/.test(dayUtc)) throw new Error(`day must be YYYYMMDD, got ${dayUtc}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${dayUtc}-${String(sequence).padStart(5, '0')}`;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

export const ORDER_NUMBER_PATTERN = /^([A-Z][A-Z0-9]{0,9})-(\d{8})-(\d{5,})$/;

export function parseDocumentNumber(value: string): { prefix: string; day: string; sequence: number } | null {
  const m = ORDER_NUMBER_PATTERN.exec(value.trim().toUpperCase());
  return m ? { prefix: m[1]!, day: m[2]!, sequence: Number(m[3]) } : null;
}
