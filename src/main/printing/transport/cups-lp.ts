import { spawn } from 'node:child_process';

export interface CupsOptions {
  /** The lp binary; tests point it at a stand-in. */
  lpCommand?: string;
  lpstatCommand?: string;
  timeoutMs?: number;
}

/**
 * Hands a job to a CUPS queue with `lp`. Printer languages (ZPL, ESC/POS) go with `-o raw` so CUPS
 * passes the bytes untouched; a PDF goes through the queue's filters so any OS printer can print it.
 * Resolves with the CUPS job id once CUPS has spooled the whole job.
 */
export async function sendToCups(
  queue: string,
  payload: Uint8Array,
  options: CupsOptions & { raw: boolean; title: string },
): Promise<string> {
  const args = ['-d', queue, '-t', options.title.slice(0, 100), ...(options.raw ? ['-o', 'raw'] : []), '--', '-'];
  const { stdout } = await run(options.lpCommand ?? 'lp', args, payload, options.timeoutMs ?? 15_000);
  const id = /request id is (\S+)/.exec(stdout)?.[1];
  if (!id) throw new Error(`lp did not report a job id: ${stdout.trim() || '(no output)'}`);
  return id;
}

export interface CupsQueueState {
  enabled: boolean;
  state: 'idle' | 'printing' | 'disabled' | 'unknown';
  detail: string;
}

/** `lpstat -p <queue>`: "printer X is idle.  enabled since ..." / "printer X disabled since ..." */
export async function cupsQueueState(queue: string, options: CupsOptions = {}): Promise<CupsQueueState> {
  const { stdout } = await run(options.lpstatCommand ?? 'lpstat', ['-p', queue], new Uint8Array(), options.timeoutMs ?? 5000);
  const line = stdout.trim();
  if (/\bdisabled\b/.test(line)) return { enabled: false, state: 'disabled', detail: line };
  if (/\bis idle\b/.test(line)) return { enabled: true, state: 'idle', detail: line };
  if (/\bnow printing\b/.test(line)) return { enabled: true, state: 'printing', detail: line };
  return { enabled: true, state: 'unknown', detail: line };
}

function run(command: string, args: string[], input: Uint8Array, timeoutMs: number): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(e.code === 'ENOENT' ? `${command} not found: is CUPS installed on this station?` : `${command}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout });
      else reject(new Error(`${command} failed (${code}): ${(stderr || stdout).trim()}`));
    });
    child.stdin.on('error', () => {}); // reported through close
    child.stdin.end(input);
  });
}
