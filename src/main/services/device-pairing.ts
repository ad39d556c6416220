import { randomInt, timingSafeEqual } from 'node:crypto';
import { HandlerError } from '../../shared/contract/dispatch';
import type { PairingCode } from '../../shared/contract/index';

export interface DevicePairingOptions {
  /** A new code exists (the station host prints it on its console). */
  onNewCode?: (code: PairingCode) => void;
  codeTtlMs?: number;
  /** Wrong codes before the code is thrown away and pairing pauses (doubling each time, up to 15 min). */
  maxAttempts?: number;
  pauseMs?: number;
  now?: () => number;
}

/** No 0/O, 1/I: read off a screen and typed on a handheld. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** What a person typed, as the code is kept: capitals, no separators. */
export function normalizePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The one-time code a browser or handheld exchanges for a device token. There is one live code at
 * a time: it expires, works once, and a few wrong tries throw it away and pause pairing, so a
 * device on the LAN cannot guess its way in (40 bits, 5 tries per code, pauses that double).
 */
export function createDevicePairing(options: DevicePairingOptions = {}) {
  const now = options.now ?? Date.now;
  const ttl = options.codeTtlMs ?? 10 * 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const pauseMs = options.pauseMs ?? 30_000;
  let live: { code: string; expiresAt: number; wrong: number } | null = null;
  let pausedUntil = 0;
  let pausesInARow = 0;

  function mint(): PairingCode {
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    live = { code, expiresAt: now() + ttl, wrong: 0 };
    const shown = { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: new Date(live.expiresAt).toISOString() };
    options.onNewCode?.(shown);
    return shown;
  }

  return {
    /** The live code, or a new one when there is none (used, thrown away, expired). */
    current(): PairingCode {
      if (!live || live.expiresAt <= now()) return mint();
      return { code: `${live.code.slice(0, 4)}-${live.code.slice(4)}`, expiresAt: new Date(live.expiresAt).toISOString() };
    },
    /** Uses up the code, or throws: wrong or expired (401 pairing_code_wrong), too many tries (429 pairing_paused). */
    redeem(typed: string): void {
      if (pausedUntil > now()) {
        throw new HandlerError(
          'pairing_paused',
          `Too many wrong pairing codes: pairing is paused for ${Math.ceil((pausedUntil - now()) / 1000)} s. Then use the new code shown at the station.`,
          429,
        );
      }
      const given = Buffer.from(normalizePairingCode(typed));
      const expected = live && live.expiresAt > now() ? Buffer.from(live.code) : null;
      if (expected && given.length === expected.length && timingSafeEqual(given, expected)) {
        mint(); // single use: the next device gets the next code
        pausesInARow = 0;
        return;
      }
      if (!expected) {
        mint();
        throw new HandlerError(
          'pairing_code_wrong',
          "That pairing code has expired or is not the station's: use the code shown at the station now.",
          401,
        );
      }
      live!.wrong += 1;
      if (live!.wrong >= maxAttempts) {
        pausedUntil = now() + Math.min(pauseMs * 2 ** pausesInARow, 15 * 60_000);
        pausesInARow += 1;
        mint();
        throw new HandlerError(
          'pairing_paused',
          'Too many wrong pairing codes: that code is no longer valid and pairing is paused for a while. Then use the new code shown at the station.',
          429,
        );
      }
      throw new HandlerError(
        'pairing_code_wrong',
        `That is not the station's pairing code (${maxAttempts - live!.wrong} tries left for this code).`,
        401,
      );
    },
  };
}
export type DevicePairing = ReturnType<typeof createDevicePairing>;
