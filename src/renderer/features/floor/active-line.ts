import { useRef } from 'react';

/** A line's progress: how many units are done (scanned, received) of how many. */
export interface LineProgress {
  id: string;
  done: number;
  of: number;
}

export interface ActiveLineMemory {
  counts: Map<string, number>;
  active: string | null;
}

/**
 * The line being worked on: the one whose count went up last while it still has units to go,
 * else the first line with units to go; null when every line is done. `memory` carries the
 * counts seen last time and is updated.
 */
export function activeLine(memory: ActiveLineMemory, lines: readonly LineProgress[]): string | null {
  const bumped = lines.find((l) => memory.counts.has(l.id) && l.done > memory.counts.get(l.id)!);
  if (bumped) memory.active = bumped.id;
  memory.counts = new Map(lines.map((l) => [l.id, l.done]));
  const open = (l: LineProgress) => l.done < l.of;
  return (lines.find((l) => l.id === memory.active && open(l)) ?? lines.find(open))?.id ?? null;
}

/** `activeLine` for a screen: remembers the counts between renders of one order or return. */
export function useActiveLine(subjectId: string, lines: readonly LineProgress[]): string | null {
  const memory = useRef<ActiveLineMemory & { subjectId: string }>({ subjectId, counts: new Map(), active: null });
  if (memory.current.subjectId !== subjectId) memory.current = { subjectId, counts: new Map(), active: null };
  return activeLine(memory.current, lines);
}
