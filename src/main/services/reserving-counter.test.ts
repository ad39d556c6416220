import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../printing/queue/atomic-file';
import { openReservingCounter } from './reserving-counter';

const dirs: string[] = [];
const counterPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockside-counter-'));
  dirs.push(dir);
  return join(dir, 'counter.json');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const valuesOf = (blocks: { first: number; last: number }[]) =>
  blocks.flatMap((b) => Array.from({ length: b.last - b.first + 1 }, (_, i) => b.first + i));

describe('reserving counter', () => {
  it('hands concurrent callers disjoint consecutive blocks, writing to disk only when its reservation runs out', async () => {
    const path = counterPath();
    const writes: string[] = [];
    const write = async (p: string, data: string) => {
      writes.push(data);
      await writeFileAtomic(p, data);
    };
    const counter = await openReservingCounter(path, { reserveAhead: 50, write });
    const counts = Array.from({ length: 40 }, (_, i) => 1 + (i % 7));
    const blocks = await Promise.all(counts.map((n) => counter.take(n)));
    const values = valuesOf(blocks);
    expect(values).toHaveLength(counts.reduce((a, b) => a + b, 0));
    expect(new Set(values).size).toBe(values.length);
    // In call order, with no gap while the process lives.
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
    expect(blocks.map((b) => b.last - b.first + 1)).toEqual(counts);
    // 160 values with 50 reserved ahead each time: a handful of writes, not one per value.
    expect(writes.length).toBeLessThan(5);
  });

  it('continues above everything it handed out after a restart', async () => {
    const path = counterPath();
    const first = await openReservingCounter(path, { reserveAhead: 100 });
    const before = await first.take(5);
    const again = await openReservingCounter(path, { reserveAhead: 100 });
    const after = await again.take(5);
    expect(after.first).toBeGreaterThan(before.last);
    // The values reserved but never handed out are skipped (a gap), not reused.
    expect(after.first).toBe(106);
  });

  it('never hands out a value it has not made durable: a crash in the middle of a reservation reuses nothing', async () => {
    const path = counterPath();
    let crash = false;
    const write = async (p: string, data: string) => {
      if (!crash) return writeFileAtomic(p, data);
      // The process dies after writing the temporary file, before the rename.
      await writeFile(`${p}.12345.tmp`, data.slice(0, 7));
      throw new Error('killed');
    };
    const counter = await openReservingCounter(path, { reserveAhead: 10, write });
    // The first take reserves through 14 (4 + 10 ahead); the second uses the rest of it.
    const handed = valuesOf([await counter.take(4), await counter.take(10)]);
    expect(handed).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    crash = true;
    // The reservation for 15.. does not reach the disk: nothing above the old mark comes out.
    await expect(counter.take(3)).rejects.toThrow('killed');
    await expect(counter.take(1)).rejects.toThrow('killed');
    const restarted = await openReservingCounter(path, { reserveAhead: 10 });
    const next = await restarted.take(1);
    expect(next.first).toBeGreaterThan(Math.max(...handed));
    // Once the disk works again the same counter goes on, above what it handed out.
    crash = false;
    expect((await counter.take(1)).first).toBe(15);
  });

  it('survives kill -9 in a real process: after the restart every value is above all it printed', async () => {
    const path = counterPath();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'testing/counter-crash-child.ts'), path, '4'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Many reservations (4 ahead, 3 per block): the kill lands with writes in flight.
    await vi.waitFor(() => expect(out.split('\n').length, err).toBeGreaterThan(500), { timeout: 60_000, interval: 20 });
    child.kill('SIGKILL');
    await exited;
    const printed = out.split('\n').slice(0, -1).map(Number); // the last line may be cut short
    const restarted = await openReservingCounter(path, { reserveAhead: 4 });
    expect((await restarted.take(1)).first).toBeGreaterThan(Math.max(...printed));
  });

  it('keeps a raised floor across restarts', async () => {
    const path = counterPath();
    const counter = await openReservingCounter(path);
    await counter.take(3);
    await counter.raiseFloor(5000);
    await counter.raiseFloor(10); // never lowers it
    expect((await counter.take(1)).first).toBe(5001);
    const restarted = await openReservingCounter(path);
    expect((await restarted.take(1)).first).toBeGreaterThan(5001);
    // `above` raises it for one caller's block too.
    expect((await restarted.take(2, 9000)).first).toBe(9001);
    expect((await restarted.take(1)).first).toBe(9003);
  });

  it('refuses to start from a file it cannot read rather than guess', async () => {
    const path = counterPath();
    writeFileSync(path, '{"version":1,"reservedThrough":"12"}');
    await expect(openReservingCounter(path)).rejects.toThrow('refusing to guess');
    writeFileSync(path, '{"version":1,"reserv');
    await expect(openReservingCounter(path)).rejects.toThrow('refusing to guess');
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"reserv');
  });

  it('refuses a count or a floor that is not a whole number', async () => {
    const counter = await openReservingCounter(counterPath());
    await expect(counter.take(0)).rejects.toThrow(RangeError);
    await expect(counter.take(1.5)).rejects.toThrow(RangeError);
    await expect(counter.raiseFloor(-1)).rejects.toThrow(RangeError);
    expect(await counter.take(1)).toEqual({ first: 1, last: 1 });
  });
});
