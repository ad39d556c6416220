import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeOutcome } from './keyboard-wedge';
import { productCodesOf } from './scanned-code';
import { DEFAULT_SCANNER_SETTINGS, wedgeConfigOf, type WedgeConfig } from './wedge-config';

/** Deterministic "random" gaps (mulberry32), so a failure can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A form field: what the keys typed into it would leave there. */
interface Field {
  value: string;
}

/** Feeds the detector keys with injected timestamps, and keeps what it decided. */
function station(config: Partial<WedgeConfig> = {}, expected?: (digits: string) => boolean) {
  const detector = createWedgeDetector<string>({ ...wedgeConfigOf(DEFAULT_SCANNER_SETTINGS), ...config }, expected);
  let now = 10_000;
  const outcomes: Exclude<WedgeOutcome<string>, { kind: 'typing' }>[] = [];
  function press(key: string, gapMs: number, field: Field | null = null) {
    now += gapMs;
    const outcome = detector.key({ key, time: now, target: field, before: field?.value ?? null });
    if (outcome.kind === 'typing') {
      if (field && key.length === 1) field.value += key;
    } else {
      outcomes.push(outcome);
      if (field && outcome.restore !== null) field.value = outcome.restore;
    }
    return outcome;
  }
  return {
    press,
    /** Each key of `keys` after the gap `gap(i)` gives (the first after `firstGap`). */
    send(keys: string[], gap: (i: number) => number, field: Field | null = null, firstGap = 3_000) {
      return keys.map((k, i) => press(k, i === 0 ? firstGap : gap(i), field)).at(-1)!;
    },
    scans: () => outcomes.filter((o) => o.kind === 'scan').map((o) => o.code),
    fragments: () => outcomes.filter((o) => o.kind === 'fragment'),
    outcomes,
  };
}

const scanned = (code: string, terminator = 'Enter') => [...code, terminator];
const every = (ms: number) => () => ms;

const CHECKED_CODES = [
  '5012345678900',
  '96385074',
  '614141000036',
  '00614141999996',
  '106141412345678908',
  'ORD-20261122-00001',
  'RMA-20261122-00042',
  ']C10100614141999996\u001d10LOT7',
];

describe('keyboard wedge: whole scans', () => {
  it('takes fast keystrokes ending in Enter as a scan, and the Enter with it', () => {
    const s = station();
    expect(s.send(scanned('ORD-20261122-00001'), every(8))).toMatchObject({
      kind: 'scan',
      code: 'ORD-20261122-00001',
      codeKind: 'order-number',
    });
  });

  it('takes every code whole when the gaps between keys jitter anywhere from 0 to 150 ms', () => {
    const random = seeded(8);
    const s = station();
    const sent: string[] = [];
    for (let round = 0; round < 50; round++) {
      for (const code of CHECKED_CODES) {
        s.send(scanned(code), () => Math.floor(random() * 151));
        sent.push(code);
      }
    }
    expect(s.fragments()).toEqual([]);
    expect(s.scans()).toEqual(sent);
  });

  it('takes codes without a check digit whole under jitter up to twice the usual gap', () => {
    const random = seeded(21);
    const s = station();
    for (let round = 0; round < 100; round++) s.send(scanned('SKU-MUG'), () => Math.floor(random() * 101));
    expect(s.scans()).toEqual(Array(100).fill('SKU-MUG'));
  });

  it('bridges an event-loop stall anywhere in a scan, never matching the tail as a shorter code', () => {
    for (const code of ['5012345678900', 'ORD-20261122-00001', 'SKU-MUG', 'BADGE-0042']) {
      for (let at = 1; at <= code.length; at++) {
        const s = station();
        // The stall falls before key `at` (at === length: between the last character and Enter).
        s.send(scanned(code), (i) => (i === at ? 400 : 6));
        expect(s.scans(), `${code} stalled before key ${at}`).toEqual([code]);
      }
    }
  });

  it('bridges a stall in a jittered scan too', () => {
    const random = seeded(400);
    const s = station();
    for (let round = 0; round < 50; round++) {
      const stallAt = 1 + Math.floor(random() * 13);
      s.send(scanned('5012345678900'), (i) => (i === stallAt ? 400 : Math.floor(random() * 151)));
    }
    expect(s.scans()).toEqual(Array(50).fill('5012345678900'));
  });

  it('takes back-to-back scans, each ending in Enter, as separate codes', () => {
    const s = station();
    s.send([...scanned('5012345678900'), ...scanned('5012345678917'), ...scanned('SKU-MUG')], every(4));
    expect(s.scans()).toEqual(['5012345678900', '5012345678917', 'SKU-MUG']);
    const random = seeded(2);
    const jittered = station();
    jittered.send([...scanned('ORD-20261122-00001'), ...scanned('5012345678900')], () => Math.floor(random() * 151));
    expect(jittered.scans()).toEqual(['ORD-20261122-00001', '5012345678900']);
  });
});

describe('keyboard wedge: not whole', () => {
  it('says "scan again" for a split it cannot bridge, and does not pass on the tail', () => {
    const s = station();
    s.send([...'50123'], every(5));
    expect(s.send(scanned('45678900'), every(5), null, 2_000)).toMatchObject({ kind: 'fragment', text: '5012345678900', problem: 'split' });
    s.send([...'SKU-'], every(5));
    expect(s.send(scanned('MUG'), every(5), null, 2_000)).toMatchObject({ kind: 'fragment', text: 'SKU-MUG', problem: 'split' });
    expect(s.scans()).toEqual([]);
  });

  it('says "scan again" for a code without a check whose first keys a busy page split off, never taking the rest as a shorter code', () => {
    // Key times recorded from the station page on a loaded machine, a badge scanned as the sign-in screen appeared:
    // the rest of the badge was taken as "KS-LON-1-1003" and "S-LON-1-1003" ("not registered", counted toward the lock).
    const recorded = [
      [6030, 7308, 7318, 7337, 7358, 7387, 7405, 7416, 7433, 7456, 7466, 7490, 7502, 7515, 7533],
      [5892, 6094, 6323, 6370, 6432, 6478, 6589, 6602, 6726, 6844, 6977, 7007, 7042, 7113, 7139],
    ];
    for (const times of recorded) {
      const s = station();
      s.send(scanned('DKS-LON-1-1003'), (i) => times[i]! - times[i - 1]!);
      expect(s.scans()).toEqual([]);
      expect(s.fragments()).toMatchObject([{ text: 'DKS-LON-1-1003', problem: 'split' }]);
    }
  });

  it('takes a code without a check whole after a person typed into the field it lands in', () => {
    const s = station();
    const field = { value: '' };
    s.send([...'12'], every(250), field);
    expect(s.send(scanned('SKU-MUG'), every(6), field, 400)).toMatchObject({ kind: 'scan', code: 'SKU-MUG', restore: '12' });
    expect(field.value).toBe('12');
  });

  it('says "scan again" for a fast code whose check fails', () => {
    const s = station();
    expect(s.send(scanned('45678900'), every(5))).toMatchObject({ kind: 'fragment', text: '45678900', problem: 'check-digit' });
    expect(s.send(scanned('D-20261122-00001'), every(5))).toMatchObject({ kind: 'fragment', problem: 'document-number' });
  });

  it("takes a numeric SKU of a GTIN's length that the screen expects, at scanner pace, though no GTIN check digit holds", () => {
    const SKU = '100000000001'; // 12 digits: a UPC-A would end in 7
    const s = station({}, (digits) => digits === SKU);
    expect(s.send(scanned(SKU), every(5))).toMatchObject({ kind: 'scan', code: SKU });
    // Typed by a person it is typing, a code the screen does not expect is still a misread, and
    // keys just before it that no field took make it a split, as for any code without a check.
    expect(s.send(scanned(SKU), every(250))).toEqual({ kind: 'typing' });
    expect(s.send(scanned('100000000002'), every(5))).toMatchObject({ kind: 'fragment', problem: 'check-digit' });
    s.send([...'77'], every(5));
    expect(s.send(scanned(SKU), every(5), null, 400)).toMatchObject({ kind: 'fragment' });
    expect(s.scans()).toEqual([SKU]);
  });
});

describe('keyboard wedge: a person typing', () => {
  const humanGap = (random: () => number) => () => 180 + Math.floor(random() * 220);

  it('never takes slow keys as a scan, whatever they spell', () => {
    const random = seeded(7);
    const s = station();
    for (const text of [...CHECKED_CODES, 'SKU-MUG', '1.25', 'hello']) {
      expect(s.send(scanned(text), humanGap(random))).toEqual({ kind: 'typing' });
    }
    expect(s.outcomes).toEqual([]);
  });

  it("does not take a quick typist's short entry without a check digit as a scan", () => {
    const s = station();
    expect(s.send(scanned('1.25'), every(120))).toEqual({ kind: 'typing' });
    expect(s.send(scanned('ok'), every(30))).toEqual({ kind: 'typing' });
  });

  it('ignores a fast burst that someone finishes by hand much later', () => {
    const s = station();
    s.send([...'ABCDEF'], every(5));
    expect(s.press('Enter', 2_000)).toEqual({ kind: 'typing' });
    expect(s.outcomes).toEqual([]);
  });

  it('starts over on editing keys, and ignores Shift', () => {
    const s = station();
    s.send([...'50123', 'Backspace'], every(5));
    expect(s.send(scanned('45678900'), every(5), null, 300)).toMatchObject({ kind: 'fragment', text: '45678900' });
    expect(s.send(['Shift', 'S', 'K', 'U', '-', 'Shift', 'M', 'U', 'G', 'Enter'], every(3))).toMatchObject({
      kind: 'scan',
      code: 'SKU-MUG',
    });
  });

  it('keeps what was typed before a pause out of the scan that follows', () => {
    const s = station();
    s.send([...'hello'], every(200));
    expect(s.send(scanned('5012345678900'), every(6), null, 300)).toMatchObject({ kind: 'scan', code: '5012345678900' });
  });
});

describe('keyboard wedge: configured prefix and suffix', () => {
  it('takes only what follows the prefix and ends with the suffix key, at any pace', () => {
    const s = station({ prefix: '~', suffix: 'Tab' });
    expect(s.send(scanned('~SKU-MUG', 'Tab'), every(130))).toMatchObject({ kind: 'scan', code: 'SKU-MUG' });
    expect(s.send(scanned('SKU-MUG', 'Tab'), every(5))).toEqual({ kind: 'typing' });
    expect(s.send(scanned('~5012345678900', 'Enter'), every(5))).toEqual({ kind: 'typing' });
    expect(s.send(scanned('~45678900', 'Tab'), every(5))).toMatchObject({ kind: 'fragment', problem: 'check-digit' });
  });

  it('finds the prefix across a pause too long to bridge and calls it a split', () => {
    const s = station({ prefix: '~' });
    s.send([...'~50123'], every(5));
    expect(s.send(scanned('45678900'), every(5), null, 2_000)).toMatchObject({
      kind: 'fragment',
      text: '~5012345678900',
      problem: 'split',
    });
  });

  it('ends a code on suffix characters', () => {
    const s = station({ prefix: '\u0002', suffix: '#!' });
    expect(s.send([...'\u00025012345678900#!'], every(5))).toMatchObject({ kind: 'scan', code: '5012345678900' });
    expect(s.send(scanned('\u00025012345678900'), every(5))).toEqual({ kind: 'typing' });
  });
});

describe('keyboard wedge: a scan into a focused field', () => {
  it('hands the scan on and leaves the field as the person typed it', () => {
    const random = seeded(3);
    const s = station();
    const weight = { value: '' };
    s.send([...'0.8'], () => 180 + Math.floor(random() * 200), weight);
    expect(weight.value).toBe('0.8');
    const outcome = s.send(scanned('ORD-20261122-00001'), () => Math.floor(random() * 151), weight, 600);
    expect(outcome).toMatchObject({ kind: 'scan', code: 'ORD-20261122-00001', restore: '0.8' });
    expect(weight.value).toBe('0.8');
  });

  it('keeps quick typing in the field when the scan after it passes its check on its own', () => {
    const s = station();
    const weight = { value: '' };
    s.send([...'1.25'], every(60), weight);
    s.send(scanned('5012345678917'), every(5), weight, 400);
    expect(s.scans()).toEqual(['5012345678917']);
    expect(weight.value).toBe('1.25');
  });

  it('takes a fragment out of the field too', () => {
    const s = station();
    const field = { value: 'x' };
    expect(s.send(scanned('45678900'), every(5), field)).toMatchObject({ kind: 'fragment', restore: 'x' });
    expect(field.value).toBe('x');
  });

  it('lets a person type into a field and press Enter', () => {
    const s = station();
    const code = { value: '' };
    expect(s.send(scanned('5012345678900'), every(220), code)).toEqual({ kind: 'typing' });
    expect(code.value).toBe('5012345678900');
  });

  it('starts over when the keys land somewhere else', () => {
    const s = station();
    s.send([...'SKU-'], every(5), { value: '' });
    expect(s.send(scanned('MUG'), every(5), null, 50)).toEqual({ kind: 'typing' });
  });
});

describe('scanned codes', () => {
  it('reads the GTIN out of a GS1 scan and matches the EAN-13 on the item', () => {
    expect(productCodesOf(']C1010501234567890010LOT1')).toContain('5012345678900');
    expect(productCodesOf('(01)05012345678900')).toContain('5012345678900');
    expect(productCodesOf('5012345678900')).toEqual(['5012345678900']);
  });
});

describe('keyboard wedge: a jittery scanner reading one label twice', () => {
  it('takes the same code read again right after its Enter once, however many times it repeats', () => {
    const s = station();
    s.send(scanned('5012345678900'), every(4));
    expect(s.send(scanned('5012345678900'), every(4), null, 50)).toMatchObject({ kind: 'reread', code: '5012345678900' });
    s.send(scanned('5012345678900'), every(4), null, 60);
    expect(s.scans()).toEqual(['5012345678900']);
    // A code without a check digit, and an order number (a double read at ship time), the same way.
    s.send(scanned('SKU-MUG'), every(4));
    s.send(scanned('SKU-MUG'), every(4), null, 40);
    s.send(scanned('ORD-20261122-00001'), every(4));
    s.send(scanned('ORD-20261122-00001'), every(4), null, 40);
    expect(s.scans()).toEqual(['5012345678900', 'SKU-MUG', 'ORD-20261122-00001']);
  });

  it('takes the next unit of the same item, presented by a person, as a scan of its own', () => {
    const s = station();
    for (let i = 0; i < 3; i++) s.send(scanned('5012345678900'), every(4), null, 350);
    expect(s.scans()).toEqual(Array(3).fill('5012345678900'));
  });

  it('takes two different codes back to back as two scans', () => {
    const s = station();
    s.send(scanned('5012345678900'), every(4));
    s.send(scanned('5012345678917'), every(4), null, 30);
    expect(s.scans()).toEqual(['5012345678900', '5012345678917']);
  });
});
