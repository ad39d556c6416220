/**
 * ZPL to PNG with zpl-renderer-js (zebrash in WASM). The module is ~27 MB, so it is loaded on first
 * use only, never at start-up.
 */
type ZplApi = { zplToBase64MultipleAsync(zpl: string, widthMm?: number, heightMm?: number, dpmm?: number): Promise<string[]> };

let api: Promise<ZplApi> | null = null;

function loadRenderer(): Promise<ZplApi> {
  api ??= import('zpl-renderer-js').then(async (m) => (await m.ready).api);
  return api;
}

/** One PNG per ^XA..^XZ label. */
export async function zplToPngs(zpl: string, options: { widthInches: number; heightInches: number; dpi: number }): Promise<Buffer[]> {
  const renderer = await loadRenderer();
  const dpmm = Math.round(options.dpi / 25.4);
  // Size in whole dots, as the printer has it (^PW/^LL), so 4 in at 203 dpi is 812 px, not 813.
  const mm = (inches: number) => Math.round(inches * options.dpi) / dpmm;
  const images = await renderer.zplToBase64MultipleAsync(zpl, mm(options.widthInches), mm(options.heightInches), dpmm);
  return images.map((b64) => Buffer.from(b64, 'base64'));
}
