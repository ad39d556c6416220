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
  const images = await renderer.zplToBase64MultipleAsync(zpl, options.widthInches * 25.4, options.heightInches * 25.4, Math.round(options.dpi / 25.4));
  return images.map((b64) => Buffer.from(b64, 'base64'));
}
