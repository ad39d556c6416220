import { z } from 'zod';
import { handler } from './handler';

/**
 * The shipping scale at the pack bench. It speaks the NCI standard serial protocol (Avery
 * Weigh-Tronix SCP-01: "W<CR>" asks for the weight), either through a serial-to-TCP bridge (a
 * network port server or ser2net) or through a serial device path the operating system gives it.
 */
export const ScaleConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535) }),
  /** A serial port or PTY path (e.g. /dev/ttyUSB0), already set to the scale's baud rate (stty). */
  z.object({ kind: z.literal('device'), path: z.string().min(1).max(255) }),
]);
export type ScaleConnection = z.infer<typeof ScaleConnection>;

export const ScaleConfig = z.object({
  protocol: z.literal('nci').default('nci'),
  connection: ScaleConnection,
  /** How long one answer may take. */
  answerTimeoutMs: z.number().int().min(100).max(10_000).default(1500),
  /** How long a reading in motion is asked again before the station gives up and says so. */
  settleMs: z.number().int().min(0).max(15_000).default(3000),
});
export type ScaleConfig = z.infer<typeof ScaleConfig>;

export const SCALE_STATES = ['stable', 'motion', 'zero', 'overload', 'underload'] as const;
export type ScaleState = (typeof SCALE_STATES)[number];

export const ScaleReading = z.object({
  /** stable: a weight to ship with; motion: it never settled; zero: nothing on it; over/under: outside its range. */
  state: z.enum(SCALE_STATES),
  /** The weight in grams when the scale gave one (positive and stable is the only one to ship with). */
  grams: z.number().int().nullable(),
  /** What the scale showed, e.g. "2.35 lb". */
  display: z.string().max(40),
  unit: z.enum(['kg', 'g', 'lb', 'oz']).nullable(),
  readAt: z.string(),
});
export type ScaleReading = z.infer<typeof ScaleReading>;

/** A weight the packer may ship with: stable, above zero. */
export function shippableGrams(reading: ScaleReading): number | null {
  return reading.state === 'stable' && reading.grams !== null && reading.grams > 0 ? reading.grams : null;
}

export const scaleHandlers = {
  /** Reads the bench scale; a reading in motion is asked again until it settles (settleMs). */
  'scale.read': handler(z.undefined().optional(), ScaleReading),
};
