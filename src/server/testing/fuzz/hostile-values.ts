import fc from 'fast-check';

/**
 * Values a careless or hostile client sends where a well-formed one belongs: text a database
 * cannot hold, numbers past what a double keeps exact, impossible dates, ids that are not ids,
 * the wrong JSON type, and sizes no order needs. The fuzzers put them anywhere in a request.
 */
export const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF',
  '\uFEFF',
  '😀'.repeat(3),
  '\u202E\u0041',
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '2024-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '2024-13-01',
  'yesterday',
  '1e400',
  '9007199254740993',
  '-1',
  '0',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  "' or 1=1 --",
  '%00',
  '%',
  '%zz',
  '../../etc/passwd',
  '<script>',
  'a'.repeat(300),
] as const;

export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  -(2 ** 31),
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  2 ** 63,
  1e21,
  1e308,
  -1e308,
  0.5,
  -0.001,
  1e-7,
  123.456,
] as const;

/** One string past every text limit in the API (but well under the body limit). */
export const HUGE_TEXT = 'h'.repeat(200_000);

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { n: v };
  return v;
}

/** Any hostile JSON value: wrong type, bad text, extreme number, deep nesting, huge size. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>(...HOSTILE_TEXT), weight: 6 },
  { arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS), weight: 5 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': '' }), weight: 3 },
  {
    arbitrary: fc.constantFrom<unknown>(
      HUGE_TEXT,
      Array.from({ length: 2_000 }, (_, i) => i),
      Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
    ),
    weight: 1,
  },
  { arbitrary: fc.tuple(fc.integer({ min: 10, max: 100 }), fc.boolean()).map(([d, a]) => nested(d, 'deep', a)), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
);

/**
 * A path segment as it goes on the wire, already percent-encoded (or deliberately not): encoded
 * hostile text, raw %00, malformed escapes, an encoded lone surrogate, encoded slashes.
 */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    '%',
    '%zz',
    '%E0%A4%A',
    '%ED%A0%80',
    '%C0%AF',
    '%FF',
    '%2e%2e',
    '..%2F..%2Fhealth',
    '%u0041',
    '%25',
    '%20',
    'x'.repeat(5_000),
  ),
  fc
    .constantFrom(...HOSTILE_TEXT)
    .filter((s) => s !== '')
    .map(encodeSegment),
  fc
    .string({ unit: 'grapheme', maxLength: 20 })
    .filter((s) => s !== '')
    .map(encodeSegment),
);

/** encodeURIComponent, except that a lone surrogate goes out as its (invalid) UTF-8 bytes instead of throwing. */
export function encodeSegment(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    if (pair) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff)
      out +=
        `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(s[i]!);
  }
  return out;
}
