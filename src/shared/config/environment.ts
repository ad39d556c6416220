import { z } from 'zod';

/**
 * Environment variables as zod schemas (the server's and the station host's): each entry reads a
 * string, applies its default when unset or empty, and names what it wanted and what it got when
 * wrong, so a start-up error says `PORT must be an integer 0-65535, got "abc"`.
 */
export function envInt(min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const n = Number(raw);
      if (!/^\s*-?\d+\s*$/.test(raw) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be an integer ${min}-${max}, got ${JSON.stringify(raw)}` });
        return z.NEVER;
      }
      return n;
    });
}

/** `secret`: the value is never echoed in the message (a token, a URL with a password). */
export function envText<F extends string | null>(pattern: RegExp, what: string, fallback: F, options: { secret?: boolean } = {}) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | F => {
      if (raw === undefined || raw === '') return fallback;
      if (!pattern.test(raw)) {
        const got = options.secret ? `${raw.length} characters that are not (not shown: a secret)` : JSON.stringify(raw);
        ctx.addIssue({ code: 'custom', message: `must be ${what}, got ${got}` });
        return z.NEVER;
      }
      return raw;
    });
}

/** A comma-separated list; blanks dropped. */
export function envList() {
  return z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
}

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'EnvironmentError';
  }
}

/** For a process's entry point: a wrong environment is reported with its message alone (no stack) through `exit`. */
export function readEnvironmentOrExit<T>(read: () => T, exit: (message: string) => never): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof EnvironmentError) exit(err.message);
    throw err;
  }
}

/** Parses an environment with its schema; throws one EnvironmentError naming every variable that is wrong. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new EnvironmentError(result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
}
