import { z } from 'zod';

/**
 * What any event's content must be before anyone records it, whatever its kind: text a database
 * and every reader can store and show, a time that can have happened, and a bounded size. The
 * station refuses to record an event that breaks these; the server refuses such a pushed event
 * alone (code `invalid_event_content`) and applies the rest of its batch.
 */
export const INVALID_EVENT_CONTENT = 'invalid_event_content';
/** An event of the wrong shape for its kind (a zod issue of its schema). */
export const INVALID_EVENT = 'invalid_event';

export const EVENT_CONTENT_LIMITS = {
  /** Ten times the longest free text an event carries (a 1,000-character note). */
  maxStringLength: 10_000,
  /** Twice the most lines a returns-desk receipt may name (500). */
  maxArrayLength: 1_000,
  /** An event nests four levels (event, payload, lines, line); anything deeper is not an event. */
  maxDepth: 8,
  /** JSON characters of one event: a full 500-line receipt is about 90,000. */
  maxEventChars: 128 * 1024,
} as const;
export type EventContentLimits = Record<keyof typeof EVENT_CONTENT_LIMITS, number>;

/**
 * The oldest and newest a station clock may say. Nothing a warehouse records predates 2000, so
 * an earlier date is a dead clock battery or a corrupted field (year 0000 is not even a date
 * PostgreSQL can store). The future bound is a day: a station set to the wrong time zone is off
 * by at most 14 hours, and clocks drift minutes; further ahead is a broken clock whose events
 * would sort after everything that really happens for as long as the record is kept.
 */
export const EARLIEST_EVENT_TIME = Date.parse('2000-01-01T00:00:00Z');
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

/** Marks an issue as a content rule's (not the event schema's), so the refusal gets its own code. */
const CONTENT_RULE = { rule: INVALID_EVENT_CONTENT } as const;

export interface ContentProblem {
  path: (string | number)[];
  message: string;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Where `text` holds U+0000 or half of a surrogate pair (text no JSON column nor UTF-8 can hold), or null. */
export function badCharacterAt(text: string): { index: number; what: string } | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { index: i, what: 'U+0000 (NUL)' };
    if (isHighSurrogate(c)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return { index: i, what: 'an unpaired high surrogate' };
      i++;
    } else if (isLowSurrogate(c)) return { index: i, what: 'an unpaired low surrogate' };
  }
  return null;
}

/**
 * `text` made safe to store and show: U+0000 and unpaired surrogates become U+FFFD (as
 * String#toWellFormed does), and anything past `max` characters is cut with an ellipsis.
 */
export function printable(text: string, max = 200): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (out.length >= max) return `${out}…`;
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += text.slice(i, i + 2);
      i++;
    } else out += c === 0 || isHighSurrogate(c) || isLowSurrogate(c) ? '\uFFFD' : text[i];
  }
  return out;
}

/** Every way `value` (any JSON: object keys included) breaks the content rules; the first few are enough. */
export function contentProblems(value: unknown, limits: EventContentLimits = EVENT_CONTENT_LIMITS): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const text = (s: string, path: (string | number)[], what: string) => {
    if (s.length > limits.maxStringLength)
      problems.push({ path, message: `${what} is ${s.length} characters long, more than ${limits.maxStringLength}` });
    const bad = badCharacterAt(s);
    if (bad) problems.push({ path, message: `${what} holds ${bad.what} at character ${bad.index}` });
  };
  const walk = (v: unknown, path: (string | number)[], depth: number) => {
    if (problems.length >= 5) return;
    if (typeof v === 'string') return text(v, path, 'the text');
    if (v === null || typeof v !== 'object') return;
    if (depth >= limits.maxDepth) return void problems.push({ path, message: `nested more than ${limits.maxDepth} levels deep` });
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength)
        return void problems.push({ path, message: `a list of ${v.length} items, more than ${limits.maxArrayLength}` });
      v.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(v)) {
      text(key, [...path, key], 'the field name');
      walk(item, [...path, key], depth + 1);
    }
  };
  walk(value, [], 0);
  if (!problems.length) {
    // Only once the parts are sane is the whole measured (a cycle or a huge list fails above first).
    const chars = JSON.stringify(value)?.length ?? 0;
    if (chars > limits.maxEventChars)
      problems.push({ path: [], message: `the event is ${chars} characters of JSON, more than ${limits.maxEventChars}` });
  }
  return problems;
}

/**
 * `schema`, checked first for the content rules on the raw value (recursively, whatever the
 * schema says), so text the schema would only call "too long" or "not a UUID" is named for what
 * it is. The schema runs only on content that passed.
 */
export function withEventContentRules<S extends z.ZodType>(schema: S) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const p of contentProblems(value)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message, params: CONTENT_RULE });
    })
    .pipe(schema);
}

/** A UTC ISO time a station clock could really have shown (see EARLIEST_EVENT_TIME). */
export const StationTimestamp = z
  .string()
  .datetime({ offset: false })
  .superRefine((iso, ctx) => {
    const at = Date.parse(iso);
    if (Number.isNaN(at)) return; // not a datetime at all: the format check above says so
    if (at < EARLIEST_EVENT_TIME)
      ctx.addIssue({ code: 'custom', message: `${iso} is before 2000: the station clock or the record is wrong`, params: CONTENT_RULE });
    else if (at > Date.now() + MAX_CLOCK_AHEAD_MS)
      ctx.addIssue({
        code: 'custom',
        message: `${iso} is more than a day ahead of the server clock: the station clock is wrong`,
        params: CONTENT_RULE,
      });
  });

export interface EventRefusal {
  code: typeof INVALID_EVENT_CONTENT | typeof INVALID_EVENT;
  /** Names the place of the first problem (its zod issue path) and what is wrong there. */
  message: string;
}

/** The stable code and a readable message for a failed parse of an event. */
export function eventRefusal(issues: readonly z.core.$ZodIssue[]): EventRefusal {
  const content = issues.filter((i) => i.code === 'custom' && (i as { params?: { rule?: string } }).params?.rule === INVALID_EVENT_CONTENT);
  const shown = (content.length ? content : issues).slice(0, 3);
  return {
    code: content.length ? INVALID_EVENT_CONTENT : INVALID_EVENT,
    message: shown
      .map((i) => `${i.path.map((p) => printable(String(p), 60)).join('.') || 'event'}: ${printable(i.message, 300)}`)
      .join('; '),
  };
}
