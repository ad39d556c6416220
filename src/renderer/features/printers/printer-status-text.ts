import type { PrinterStatus } from '../../../shared/contract/index';

export type StatusTone = 'ok' | 'problem' | 'unknown' | 'unreachable';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A printer's answer to a status check, as a supervisor reads it. The detail says what happened and
 * what to do (main's words); `support` is the technical account (a socket code, lpstat's line), for a tooltip.
 */
export function summariseStatus(s: PrinterStatus): { tone: StatusTone; headline: string; detail: string | null; support?: string } {
  const support = s.technicalDetail ? { support: s.technicalDetail } : {};
  if (!s.reachable) return { tone: 'unreachable', headline: 'Unreachable', detail: s.detail, ...support };
  if (s.problems.length > 0) return { tone: 'problem', headline: capitalise(s.problems.join(', ')), detail: s.detail, ...support };
  if (s.reported && s.ready) return { tone: 'ok', headline: 'Online, ready', detail: s.detail, ...support };
  return {
    tone: 'unknown',
    headline: 'Online',
    detail: s.detail ?? 'It accepts connections but cannot report paper or head state.',
    ...support,
  };
}
