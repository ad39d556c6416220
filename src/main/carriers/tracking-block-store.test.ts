import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TrackingBlock } from '../../shared/carriers/carrier-config';
import { writeFileAtomic } from '../printing/queue/atomic-file';
import { tempDataDir } from '../printing/testing/fixtures';
import { openTrackingBlockStore } from './tracking-block-store';

const ACCOUNT = '00000000-0000-4000-8000-0000000000a1';
const block = (firstSerial: number, lastSerial: number, id = `b${firstSerial}`): TrackingBlock => ({
  id,
  accountId: ACCOUNT,
  firstSerial,
  lastSerial,
  issuedAt: '2026-05-04T08:00:00.000Z',
});

describe('tracking-block store', () => {
  it('hands out every serial of its blocks once, lowest block first, to concurrent labels', async () => {
    const store = await openTrackingBlockStore(await tempDataDir());
    await store.add(ACCOUNT, block(51, 60));
    await store.add(ACCOUNT, block(1, 5));
    expect(store.remaining(ACCOUNT)).toBe(15);
    const serials = await Promise.all(Array.from({ length: 17 }, () => store.take(ACCOUNT)));
    expect(serials).toEqual([1, 2, 3, 4, 5, ...Array.from({ length: 10 }, (_, i) => 51 + i), null, null]);
    expect(store.remaining(ACCOUNT)).toBe(0);
    expect(await store.take('00000000-0000-4000-8000-0000000000ff')).toBeNull();
  });

  it('continues after a restart and never reuses a serial; a block received twice counts once', async () => {
    const dataDir = await tempDataDir();
    const first = await openTrackingBlockStore(dataDir);
    await first.add(ACCOUNT, block(1, 3));
    expect(await first.take(ACCOUNT)).toBe(1);
    const second = await openTrackingBlockStore(dataDir);
    await second.add(ACCOUNT, block(1, 3));
    expect(second.remaining(ACCOUNT)).toBe(2);
    expect([await second.take(ACCOUNT), await second.take(ACCOUNT), await second.take(ACCOUNT)]).toEqual([2, 3, null]);
    // A block below the position (a late answer for an older request) is never used.
    await second.add(ACCOUNT, block(2, 3, 'late'));
    expect(await second.take(ACCOUNT)).toBeNull();
  });

  it('never hands out a serial it has not made durable: a crash in the middle of a write reuses nothing', async () => {
    const dataDir = await tempDataDir();
    let crash = false;
    const write = async (p: string, data: string) => {
      if (!crash) return writeFileAtomic(p, data);
      // The process dies after writing the temporary file, before the rename.
      await writeFile(`${p}.12345.tmp`, data.slice(0, 9));
      throw new Error('killed');
    };
    const store = await openTrackingBlockStore(dataDir, { write });
    await store.add(ACCOUNT, block(1, 10));
    const handed = [await store.take(ACCOUNT), await store.take(ACCOUNT)];
    crash = true;
    await expect(store.take(ACCOUNT)).rejects.toThrow('killed');
    // Memory did not run ahead of the disk: the failed serial comes out once the disk works again.
    crash = false;
    expect(await store.take(ACCOUNT)).toBe(3);
    const restarted = await openTrackingBlockStore(dataDir);
    expect(await restarted.take(ACCOUNT)).toBe(4);
    expect(handed).toEqual([1, 2]);
  });

  it('survives kill -9 in a real process: after the restart every serial is above all it printed', async () => {
    const dataDir = await tempDataDir();
    const seed = await openTrackingBlockStore(dataDir);
    await seed.add(ACCOUNT, block(1, 1_000_000));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'testing/block-crash-child.ts'), dataDir, ACCOUNT],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await vi.waitFor(() => expect(out.split('\n').length, err).toBeGreaterThan(200), { timeout: 60_000, interval: 20 });
    child.kill('SIGKILL');
    await exited;
    const printed = out.split('\n').slice(0, -1).map(Number); // the last line may be cut short
    expect(printed).toEqual(Array.from({ length: printed.length }, (_, i) => i + 1));
    const restarted = await openTrackingBlockStore(dataDir);
    expect(await restarted.take(ACCOUNT)).toBeGreaterThan(Math.max(...printed));
  });

  it('refuses to start from a file it cannot read rather than guess', async () => {
    const dataDir = await tempDataDir();
    const path = join(dataDir, 'tracking-blocks.json');
    writeFileSync(path, '{"version":1,"accou');
    await expect(openTrackingBlockStore(dataDir)).rejects.toThrow('refusing to guess');
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"accou');
  });
});
