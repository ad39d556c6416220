/**
 * Where a benchmark's CPU went, by kind of process: the processes this bench started (and theirs),
 * plus any `extraRoots` (a PostgreSQL postmaster runs detached). Read from /proc, so Linux only;
 * elsewhere the snapshot is empty and the split says so. On two shared cores, a figure bound by
 * CPU is explained by this split: what each part spent between two moments.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export type ProcessKind =
  | 'browser pages (Chromium renderers)'
  | 'Chromium browser and services'
  | 'central server'
  | 'station hosts'
  | 'PostgreSQL'
  | 'this bench and the rest';

/** CPU seconds so far of each live process under the roots, with its kind. */
export type CpuSnapshot = Map<number, { kind: ProcessKind; seconds: number }>;

const TICKS_PER_SECOND = 100;

function kindOf(cmdline: string): ProcessKind {
  if (/chrom/i.test(cmdline))
    return /--type=renderer/.test(cmdline) ? 'browser pages (Chromium renderers)' : 'Chromium browser and services';
  if (/station-host\/main/.test(cmdline)) return 'station hosts';
  if (/server\/main/.test(cmdline)) return 'central server';
  if (/postgres/.test(cmdline)) return 'PostgreSQL';
  return 'this bench and the rest';
}

export function cpuSnapshot(extraRoots: readonly number[] = []): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return snapshot;
  const stats = new Map<number, { ppid: number; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command's name in parentheses: state, ppid, ... utime (14th field), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      /* ended meanwhile */
    }
  }
  const ours = new Set<number>([process.pid, ...extraRoots]);
  // Parents before children is not guaranteed by pid order: repeat until no process joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, { ppid }] of stats)
      if (!ours.has(pid) && ours.has(ppid)) {
        ours.add(pid);
        grew = true;
      }
  }
  for (const pid of ours) {
    const stat = stats.get(pid);
    if (!stat) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      /* ended meanwhile */
    }
    snapshot.set(pid, { kind: pid === process.pid ? 'this bench and the rest' : kindOf(cmdline), seconds: stat.seconds });
  }
  return snapshot;
}

/** CPU seconds by kind between two snapshots (a process started in between counts from zero; one ended in between is not counted). */
export function cpuSplit(before: CpuSnapshot, after: CpuSnapshot): Partial<Record<ProcessKind, number>> {
  const split: Partial<Record<ProcessKind, number>> = {};
  for (const [pid, { kind, seconds }] of after) {
    const spent = seconds - (before.get(pid)?.seconds ?? 0);
    split[kind] = Math.round(((split[kind] ?? 0) + spent) * 100) / 100;
  }
  return split;
}

/** One line per kind, most first, and the total against what `cores` give in `seconds`. */
export function describeSplit(split: Partial<Record<ProcessKind, number>>, seconds: number, cores: number): string {
  const rows = Object.entries(split).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return 'CPU by process: not measured here (no /proc)';
  const total = rows.reduce((sum, [, s]) => sum + s, 0);
  return [
    `CPU by process over ${seconds.toFixed(2)} s: ${total.toFixed(1)} CPU-s of the ${(seconds * cores).toFixed(1)} that ${cores} cores give`,
    ...rows.map(([kind, s]) => `  ${kind}: ${s.toFixed(2)} CPU-s`),
  ].join('\n');
}
