import type { ChildProcess } from 'node:child_process';

/**
 * What a child process prints on stdout and stderr, kept as it comes, the tail only: a server logs
 * every request (JSON lines), and a long run must not grow it without bound.
 */
export function keepOutputTail(child: ChildProcess): () => string {
  let out = '';
  const keep = (d: Buffer) => {
    out += d;
    if (out.length > 256_000) out = out.slice(-128_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => out;
}
