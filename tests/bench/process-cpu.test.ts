import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cpuSnapshot, cpuSplit, describeSplit } from '../../bench/process-cpu';

// Spends `ms` of its own CPU time (not wall time: it holds however loaded the machine is), says so, then waits to be ended.
const BURN = (ms: number) =>
  `let x = 0; while (process.cpuUsage().user < ${ms * 1000}) x++; process.stdout.write('spent'); process.stdin.resume();`;

describe.runIf(process.platform === 'linux')('process-cpu: where a benchmark CPU went', () => {
  it('counts the CPU a process this bench started spent between two snapshots, under the kind its command says', async () => {
    const before = cpuSnapshot();
    // Named as a station host is started (src/main/station-host/main.ts on its command line).
    const child = spawn(process.execPath, ['-e', BURN(300), 'src/main/station-host/main.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await once(child.stdout!, 'data');
      const split = cpuSplit(before, cpuSnapshot());
      expect(split['station hosts']).toBeGreaterThanOrEqual(0.29);
      expect(split['central server'] ?? 0).toBe(0);
      const said = describeSplit(split, 1, 2);
      expect(said).toMatch(/of the 2\.0 that 2 cores give/);
      // Its own figure, not a fixed one: start-up, and the system time of asking for its CPU time, add 0.6-0.8 s to the 0.3 s it burns.
      expect(said).toContain(`  station hosts: ${split['station hosts']!.toFixed(2)} CPU-s`);
    } finally {
      child.kill();
    }
  });

  it('leaves out a process it was not given as a root', () => {
    const other = cpuSnapshot([]);
    expect(other.has(1)).toBe(false);
    expect(cpuSnapshot([1]).get(1)).toBeDefined();
  });
});
