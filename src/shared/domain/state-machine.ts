/**
 * Statuses as data: each entity declares its statuses, its allowed moves and optional guards.
 * Everything that changes a status goes through `checkTransition`, so the server and the
 * station refuse the same moves with the same stable codes.
 */
export interface Machine<S extends string, C = unknown> {
  readonly entity: string;
  readonly statuses: readonly S[];
  readonly initial: S;
  readonly transitions: { readonly [K in S]: readonly S[] };
  /** Extra rules on an allowed move; return an error code and message to refuse it. */
  readonly guards?: Partial<Record<`${S}->${S}`, (ctx: C) => TransitionRefusal | null>>;
}

export interface TransitionRefusal {
  code: string;
  message: string;
}

export type TransitionResult = { ok: true } | ({ ok: false } & TransitionRefusal);

export function defineMachine<S extends string, C = unknown>(machine: Machine<S, C>): Machine<S, C> {
  for (const from of machine.statuses) {
    for (const to of machine.transitions[from]) {
      if (!machine.statuses.includes(to)) throw new Error(`${machine.entity}: ${from} -> unknown status ${to}`);
    }
  }
  return machine;
}

export function isTerminal<S extends string>(machine: Machine<S, never>, status: S): boolean {
  return machine.transitions[status].length === 0;
}

export function canTransition<S extends string, C>(machine: Machine<S, C>, from: S, to: S): boolean {
  return machine.transitions[from]?.includes(to) ?? false;
}

export function checkTransition<S extends string, C>(machine: Machine<S, C>, from: S, to: S, ctx: C): TransitionResult {
  if (!machine.statuses.includes(from)) {
    return { ok: false, code: `${machine.entity}_unknown_status`, message: `unknown ${machine.entity} status ${from}` };
  }
  if (!canTransition(machine, from, to)) {
    const terminal = machine.transitions[from].length === 0;
    return {
      ok: false,
      code: terminal ? `${machine.entity}_status_final` : `${machine.entity}_transition_forbidden`,
      message: terminal ? `${machine.entity} is ${from}, which is final` : `${machine.entity} cannot move from ${from} to ${to}`,
    };
  }
  const guard = machine.guards?.[`${from}->${to}` as `${S}->${S}`];
  const refusal = guard?.(ctx) ?? null;
  return refusal ? { ok: false, ...refusal } : { ok: true };
}

/** Statuses reachable from the initial one; used by tests to prove no status is dead. */
export function reachableStatuses<S extends string>(machine: Machine<S, never>): Set<S> {
  const seen = new Set<S>([machine.initial]);
  const queue: S[] = [machine.initial];
  while (queue.length) {
    const from = queue.shift()!;
    for (const to of machine.transitions[from]) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}
