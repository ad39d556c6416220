import { spawn } from 'node:child_process';
import { PrinterConnectionError } from './printer-error';

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
  const { stdout } = await run(queue, options.lpCommand ?? 'lp', args, payload, options.timeoutMs ?? 15_000);
  const id = /request id is (\S+)/.exec(stdout)?.[1];
  if (!id) throw new PrinterConnectionError(refused(queue), `lp did not report a job id: ${stdout.trim() || '(no output)'}`);
  return id;
}

export interface CupsQueueState {
  enabled: boolean;
  state: 'idle' | 'printing' | 'disabled' | 'unknown';
  detail: string;
}

/** `lpstat -p <queue>`: "printer X is idle.  enabled since ..." / "printer X disabled since ..." */
export async function cupsQueueState(queue: string, options: CupsOptions = {}): Promise<CupsQueueState> {
  const { stdout } = await run(queue, options.lpstatCommand ?? 'lpstat', ['-p', queue], new Uint8Array(), options.timeoutMs ?? 5000);
  const line = stdout.trim();
  if (/\bdisabled\b/.test(line)) return { enabled: false, state: 'disabled', detail: line };
  if (/\bis idle\b/.test(line)) return { enabled: true, state: 'idle', detail: line };
  if (/\bnow printing\b/.test(line)) return { enabled: true, state: 'printing', detail: line };
  return { enabled: true, state: 'unknown', detail: line };
}

/** The station's OS print queue would not take the job (lp failed or said nothing). */
const refused = (queue: string) =>
  `The station's print queue "${queue}" did not take the label: ask a supervisor to check that printer in the computer's printer settings`;

/** What the packer reads when lp or lpstat fails; the command, its exit and its output are the detail. */
function cupsTrouble(queue: string, command: string, why: 'missing' | 'timeout' | 'failed'): string {
  switch (why) {
    case 'missing':
      return `This station has no printing system (CUPS) to reach the printer queue "${queue}": ask a supervisor to set the printer up by its network address, or to have CUPS installed`;
    case 'timeout':
      return `The station's print queue "${queue}" did not answer in time: if it keeps happening, ask a supervisor to check the computer's printer settings`;
    case 'failed':
      return command.endsWith('lpstat')
        ? `The station's print queue "${queue}" did not answer: ask a supervisor to check that it exists in the computer's printer settings`
        : refused(queue);
  }
}

function run(queue: string, command: string, args: string[], input: Uint8Array, timeoutMs: number): Promise<{ stdout: string }> {
  const trouble = (why: 'missing' | 'timeout' | 'failed', detail: string) =>
    new PrinterConnectionError(cupsTrouble(queue, command, why), detail);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(trouble('timeout', `${command} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? trouble('missing', `${command} not found (ENOENT): is CUPS installed on this station?`)
          : trouble('failed', `${command}: ${e.code ?? ''} ${e.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout });
      else reject(trouble('failed', `${command} failed (${code}): ${(stderr || stdout).trim()}`));
    });
    child.stdin.on('error', () => {}); // reported through close
    child.stdin.end(input);
  });
}
