/**
 * V8's flags for the station's renderer. `--max-semi-space-size` caps V8's young generation (in
 * MB). A first sync allocates fast and many of its objects outlive a scavenge (a batch is held
 * while IndexedDB writes it), so V8 grew the young generation to its largest, 64 MB, and kept it:
 * with 50,000 orders the renderer's peak was 291 MB in Chromium 156 here. Capped at 2 MB it was
 * 230 MB (3 MB: 236; 4 MB: 238-251; 8 MB: 258), and the sync took as long (10.1-10.3 s against
 * 10.8 s). Its other work (a scan, opening an order) allocates little.
 *
 * The desktop app passes these to Chromium (index.ts); tests and benchmarks start Chromium with
 * them too (e2e/support/chromium-args.ts), so they measure the renderer the app runs. A handheld's
 * own browser keeps its defaults.
 */
export const STATION_RENDERER_JS_FLAGS = '--max-semi-space-size=2';
