import { spawn } from 'node:child_process';

/**
 * The text of a PDF as pdftotext (poppler-utils) extracts it, pages separated by form feeds.
 * `layout` keeps each printed row on one line (tables read across, not column by column).
 */
export function pdfText(pdf: Uint8Array, options: { layout?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`pdftotext could not start (is poppler-utils installed?): ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pdftotext exited with ${code}: ${err.trim()}`))));
    child.stdin.on('error', () => {});
    child.stdin.end(pdf);
  });
}
