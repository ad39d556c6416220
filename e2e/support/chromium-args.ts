import { indexedDbFeatures, type IndexedDbBackend } from '../../src/main/electron/indexeddb-backend';
import { STATION_RENDERER_JS_FLAGS } from '../../src/main/electron/renderer-js-flags';

/**
 * How the tests and benchmarks start Debian's Chromium (headless; no GPU, no sandbox in this
 * container; nothing fetched from the internet).
 *
 * Chromium 156's headless mode is the whole browser, and it preloads the address bar's popup as
 * a web page of its own: a second renderer that spent about 1.5 s of CPU after every launch, and
 * the browser process 0.5 s more, on a machine of two cores that the station under test shares.
 * `WebUIOmniboxPopup` and `WebUIOmniboxAimPopup` turn that popup off.
 *
 * Chromium honours only the last `--disable-features` (and `--enable-features`), and Playwright
 * passes its own lists first, so these repeat Playwright's (1.65) and add ours;
 * `chromium-args.test.ts` fails when a Playwright upgrade sets a feature that is missing here.
 *
 * IndexedDB runs on SQLite, as Chrome (from 149) and the desktop app on such a Chromium run a new
 * profile (indexeddb-backend.ts): every test and benchmark starts from a fresh one. Playwright
 * turns off Chrome's field trials, and Debian's build has none, so the flag says it here.
 *
 * The renderer's V8 runs with the desktop app's flags (renderer-js-flags.ts).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

export const PLAYWRIGHT_ENABLED_FEATURES = ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'];

const OUR_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** The arguments for a profile whose IndexedDB is (or will be) on `backend`. */
export function chromiumArgs(backend: IndexedDbBackend): string[] {
  return [
    ...COMMON_ARGS,
    `--js-flags=${STATION_RENDERER_JS_FLAGS}`,
    `--enable-features=${[...PLAYWRIGHT_ENABLED_FEATURES, ...indexedDbFeatures(backend)].join(',')}`,
  ];
}

const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES].join(',')}`,
];

export const CHROMIUM_ARGS = chromiumArgs('sqlite');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
