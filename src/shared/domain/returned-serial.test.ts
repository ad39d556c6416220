import { describe, expect, it } from 'vitest';
import type { ReturnDocument } from '../api/returns';
import { expectsSerial, matchReturnedSerial, serialMatchText } from './returned-serial';

const line = (id: string, sku: string, shippedSerials?: { serial: string; packageId: string }[], serials: string[] = []) =>
  ({
    id,
    sku,
    units: serials.map((serial) => ({ serial })),
    ...(shippedSerials ? { shippedSerials } : {}),
  }) as unknown as ReturnDocument['lines'][number];

const doc = {
  number: 'RMA-20261204-00001',
  orderNumber: 'ORD-20261204-00007',
  lines: [
    line(
      'cam',
      'CAM',
      [
        { serial: 'A1', packageId: 'p1' },
        { serial: 'A2', packageId: 'p2' },
      ],
      ['A9'],
    ),
    line('lens', 'LENS', [{ serial: 'L1', packageId: 'p2' }]),
    line('mug', 'MUG'),
  ],
} as unknown as ReturnDocument;

describe('matching a returned unit to the serial that shipped', () => {
  it('names the package a serial of this line shipped in', () => {
    expect(matchReturnedSerial(doc, 'cam', 'A2')).toEqual({ kind: 'shipped', packageId: 'p2', packageNumber: 2 });
    expect(serialMatchText(doc, 'A2', matchReturnedSerial(doc, 'cam', ' A2 '))).toBe('A2 shipped in ORD-20261204-00007, package 2');
  });

  it('flags a serial that did not ship in the order, one of another line, and one already graded', () => {
    expect(matchReturnedSerial(doc, 'cam', 'ZZ')).toEqual({ kind: 'not-in-order' });
    expect(serialMatchText(doc, 'ZZ', { kind: 'not-in-order' })).toContain('did not ship in ORD-20261204-00007');
    expect(matchReturnedSerial(doc, 'cam', 'L1')).toEqual({ kind: 'other-line', sku: 'LENS', packageId: 'p2' });
    expect(matchReturnedSerial(doc, 'cam', 'A9')).toEqual({ kind: 'already-inspected' });
  });

  it('asks for a serial only on lines that shipped with serials', () => {
    expect(doc.lines.map(expectsSerial)).toEqual([true, true, false]);
  });
});
