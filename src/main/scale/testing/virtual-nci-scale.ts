import { createServer, type Server, type Socket } from 'node:net';

/**
 * A bench scale on a serial-to-TCP bridge that speaks the NCI protocol, for tests: it answers
 * W, S and Z as SCP-01 describes, and `?` to anything else. Tests set what is on the platter.
 */
export interface VirtualScaleState {
  /** What the display shows, in `unit` (e.g. 1.25 with kg). */
  value: number;
  unit: 'kg' | 'g' | 'lb' | 'oz';
  /** Answers in motion before the reading settles. */
  motionReadings: number;
  overload: boolean;
  underload: boolean;
  /** Answer with no ETX, or not at all. */
  silent: boolean;
}

export interface VirtualNciScale {
  port: number;
  state: VirtualScaleState;
  /** Every command received, in order (e.g. ["W", "W", "Z"]). */
  commands: string[];
  set(change: Partial<VirtualScaleState>): void;
  close(): Promise<void>;
}

const DECIMALS: Record<VirtualScaleState['unit'], number> = { kg: 3, g: 0, lb: 2, oz: 1 };

function statusBytes(s: VirtualScaleState, motion: boolean): string {
  const b1 = 0x30 | (motion ? 1 : 0) | (s.value === 0 ? 2 : 0);
  const b2 = 0x30 | (s.underload ? 1 : 0) | (s.overload ? 2 : 0);
  return String.fromCharCode(b1, b2);
}

function weightField(s: VirtualScaleState): string {
  // Over or under its range the indicator shows no number; SCP-01 scales send a filler instead.
  if (s.overload) return '^^^^^^^';
  if (s.underload) return '_______';
  return `${s.value.toFixed(DECIMALS[s.unit]).padStart(7, ' ')}${s.unit}`;
}

export async function startVirtualNciScale(initial: Partial<VirtualScaleState> = {}): Promise<VirtualNciScale> {
  const state: VirtualScaleState = {
    value: 0,
    unit: 'kg',
    motionReadings: 0,
    overload: false,
    underload: false,
    silent: false,
    ...initial,
  };
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const answer = (command: string): string => {
    if (command === 'W') {
      const motion = state.motionReadings > 0;
      if (motion) state.motionReadings--;
      return `\n${weightField(state)}\r\n${statusBytes(state, motion)}\r\x03`;
    }
    if (command === 'S') return `\n${statusBytes(state, state.motionReadings > 0)}\r\x03`;
    if (command === 'Z') {
      state.value = 0;
      return `\n${statusBytes(state, false)}\r\x03`;
    }
    return '\n?\r\x03';
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      let cr: number;
      while ((cr = pending.indexOf('\r')) >= 0) {
        const command = pending.slice(0, cr);
        pending = pending.slice(cr + 1);
        commands.push(command);
        if (!state.silent) socket.write(answer(command), 'latin1');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('virtual scale has no port');
  return {
    port: address.port,
    state,
    commands,
    set: (change) => Object.assign(state, change),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
