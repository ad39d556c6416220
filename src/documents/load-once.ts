/**
 * A package loaded at its first use, once, instead of when the process starts. The document
 * packages (pdfkit with fontkit, bwip-js) took about 0.2 s of CPU to load at every start of a
 * server or station host, which most starts never use: a server renders an invoice, a station a
 * label, only when asked.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = null; // a failed load is tried again at the next use
      throw err;
    }));
}
