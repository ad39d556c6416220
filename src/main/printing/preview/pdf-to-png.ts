import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Rasterises a PDF with pdftoppm (poppler-utils), one PNG per page, in black and white at the
 * printer's resolution: what a thermal or laser printer would put on paper.
 */
export async function pdfToPngs(pdf: Uint8Array, options: { dpi: number; maxPages?: number; command?: string }): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dockside-pdf-'));
  try {
    const args = [
      '-png',
      '-mono',
      '-r',
      String(options.dpi),
      ...(options.maxPages ? ['-f', '1', '-l', String(options.maxPages)] : []),
      '-',
      join(dir, 'page'),
    ];
    await run(options.command ?? 'pdftoppm', args, pdf);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    // Awaited here: the finally below removes the directory.
    return await Promise.all(files.map((f) => readFile(join(dir, f))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], input: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => reject(new Error(`${command} could not start (is poppler-utils installed?): ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
    child.stdin.on('error', () => {}); // the close handler reports the failure
    child.stdin.end(input);
  });
}
