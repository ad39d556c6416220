/**
 * A station page in Chromium that no test driver instruments, for the memory a station's renderer
 * really holds. Playwright enables DevTools' Network domain on every page it drives, and Chromium
 * then keeps each response body in the renderer for DevTools to fetch later: a first sync of
 * 50,000 orders left some 50 MB of pulled batches there (renderer peak 342 MB driven by
 * Playwright, 289 MB without), memory no packer's station or handheld ever holds.
 *
 * Chromium is started with `--remote-debugging-pipe` and driven with two DevTools commands only:
 * Page.navigate, and Runtime.evaluate to read what the page shows. No domain is enabled.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export interface UninstrumentedPage {
  /** Loads `url`; resolves once Chromium has started loading it. */
  navigate(url: string): Promise<void>;
  /** The text of the first element matching `selector`, or null. */
  textOf(selector: string): Promise<string | null>;
  close(): Promise<void>;
}

export async function openUninstrumentedPage(executablePath: string, args: readonly string[]): Promise<UninstrumentedPage> {
  const profile = mkdtempSync(join(tmpdir(), 'dockside-bench-profile-'));
  const child = spawn(executablePath, [...args, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const end = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', end);

  // The pipe's messages are JSON, each ended by a NUL byte.
  const commands = child.stdio[3] as Writable;
  const replies = child.stdio[4] as Readable;
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  let lastId = 0;
  let pending = '';
  replies.setEncoding('utf8');
  replies.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const message = JSON.parse(pending.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      pending = pending.slice(end + 1);
      const caller = message.id === undefined ? undefined : waiting.get(message.id);
      if (!caller) continue;
      waiting.delete(message.id!);
      if (message.error) caller.reject(new Error(message.error.message));
      else caller.resolve(message.result);
    }
  });
  child.once('exit', (code) => {
    for (const caller of waiting.values()) caller.reject(new Error(`Chromium exited (${code})`));
    waiting.clear();
  });
  const send = <T>(method: string, params: object, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, { resolve: resolve as (r: unknown) => void, reject });
      commands.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });

  const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  return {
    async navigate(url) {
      await send('Page.navigate', { url }, sessionId);
    },
    async textOf(selector) {
      const { result } = await send<{ result: { value?: string | null } }>(
        'Runtime.evaluate',
        { expression: `document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`, returnByValue: true },
        sessionId,
      );
      return result.value ?? null;
    },
    async close() {
      const exited = child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null;
      end();
      await exited;
      process.off('exit', end);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
