import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import { ScaleConfig, shippableGrams } from '../../shared/contract/scale';
import { NciProtocolError, parseStatus, parseWeightAnswer } from './nci-protocol';
import { createScaleReader, scaleHandlersOf } from './scale-reader';
import { startVirtualNciScale, type VirtualNciScale } from './testing/virtual-nci-scale';

/** The NCI protocol against a virtual scale on a serial-to-TCP bridge: stable, motion, overload, zero, units, faults. */
let scale: VirtualNciScale;
beforeAll(async () => {
  scale = await startVirtualNciScale();
});
afterAll(() => scale.close());
afterEach(() => scale.set({ value: 0, unit: 'kg', motionReadings: 0, overload: false, underload: false, silent: false }));

const config = (o: Partial<ScaleConfig> = {}) =>
  ScaleConfig.parse({ connection: { kind: 'tcp', host: '127.0.0.1', port: scale.port }, answerTimeoutMs: 1000, settleMs: 2000, ...o });
const read = (o: Partial<ScaleConfig> = {}) => createScaleReader(config(o), { pollMs: 10 }).read();

describe('NCI answers', () => {
  it('reads the status bits of SCP-01', () => {
    expect(parseStatus('00')).toEqual({ motion: false, atZero: false, underCapacity: false, overCapacity: false, faults: [] });
    expect(parseStatus('10')).toMatchObject({ motion: true });
    expect(parseStatus('20')).toMatchObject({ atZero: true, motion: false });
    expect(parseStatus('01')).toMatchObject({ underCapacity: true });
    expect(parseStatus('02')).toMatchObject({ overCapacity: true });
    expect(parseStatus('48').faults).toEqual(['RAM error', 'faulty calibration']);
    expect(() => parseStatus('AB')).toThrow(NciProtocolError);
  });

  it('parses a weight with its units and refuses what is not an NCI answer', () => {
    expect(parseWeightAnswer('\n  1.250kg\r\n00\r\x03').reading).toMatchObject({
      state: 'stable',
      grams: 1250,
      unit: 'kg',
      display: '1.250 kg',
    });
    expect(parseWeightAnswer('\n002.20lb\r\n00\r\x03').reading.grams).toBe(998);
    expect(() => parseWeightAnswer('\n?\r\x03')).toThrow(/did not understand/);
    expect(() => parseWeightAnswer('1.25kg\r\n')).toThrow(/not an NCI answer/);
    expect(() => parseWeightAnswer('\n  1.250kg\r\n40\r\x03')).toThrow(/RAM error/);
  });
});

describe('reading the scale over a serial-to-TCP bridge', () => {
  it('reads a stable weight in grams', async () => {
    scale.set({ value: 2.345, unit: 'kg' });
    const r = await read();
    expect(r).toMatchObject({ state: 'stable', grams: 2345, unit: 'kg', display: '2.345 kg' });
    expect(shippableGrams(r)).toBe(2345);
    expect(scale.commands.at(-1)).toBe('W');
  });

  it('converts pounds, ounces and grams', async () => {
    scale.set({ value: 2.5, unit: 'lb' });
    expect((await read()).grams).toBe(1134);
    scale.set({ value: 12.5, unit: 'oz' });
    expect((await read()).grams).toBe(354);
    scale.set({ value: 850, unit: 'g' });
    expect(await read()).toMatchObject({ grams: 850, unit: 'g', state: 'stable' });
  });

  it('asks again while the platter moves and takes the settled weight', async () => {
    scale.set({ value: 1.2, unit: 'kg', motionReadings: 3 });
    const before = scale.commands.length;
    const r = await read();
    expect(r).toMatchObject({ state: 'stable', grams: 1200 });
    expect(scale.commands.length - before).toBe(4);
  });

  it('says motion when the scale never settles in time, and it is not a weight to ship with', async () => {
    scale.set({ value: 1.2, unit: 'kg', motionReadings: 1_000 });
    const r = await read({ settleMs: 100 });
    expect(r.state).toBe('motion');
    expect(shippableGrams(r)).toBeNull();
  });

  it('reports overload, underload and zero, none of them a weight', async () => {
    scale.set({ value: 80, overload: true });
    const over = await read();
    expect(over).toMatchObject({ state: 'overload', grams: null });
    expect(shippableGrams(over)).toBeNull();
    scale.set({ overload: false, underload: true });
    expect((await read()).state).toBe('underload');
    scale.set({ underload: false, value: 0 });
    const zero = await read();
    expect(zero).toMatchObject({ state: 'zero', grams: 0 });
    expect(shippableGrams(zero)).toBeNull();
  });

  it('fails plainly when the scale is silent, unreachable or not set up', async () => {
    scale.set({ silent: true });
    await expect(read({ answerTimeoutMs: 150 })).rejects.toMatchObject({ code: 'scale_no_answer' });
    const unreachable = createScaleReader(config({ connection: { kind: 'tcp', host: '127.0.0.1', port: 1 } })).read();
    await expect(unreachable).rejects.toBeInstanceOf(HandlerError);
    // In words, the socket code only for support.
    await expect(unreachable).rejects.toMatchObject({
      code: 'scale_unreachable',
      message: 'The scale at 127.0.0.1:1 is not answering: check it is switched on and its cable is in',
      details: { technical: expect.stringMatching(/^ECONNREFUSED /) },
    });
    await expect(scaleHandlersOf(() => null)['scale.read']()).rejects.toMatchObject({ code: 'scale_not_configured', status: 409 });
  });
});
