import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium-args';
import { LAN_STATION_HOSTNAME } from './e2e/support/processes';

/**
 * End-to-end tests drive the built renderer in Debian's Chromium (Playwright cannot download a
 * browser here) against real processes: a central server, a station host and a virtual printer.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        '--disable-quic',
        '--autoplay-policy=no-user-gesture-required',
        // A handheld's name for the station host on the warehouse LAN (processes.ts).
        `--host-resolver-rules=MAP ${LAN_STATION_HOSTNAME} 127.0.0.1`,
      ],
    },
    // A trace is recorded only for a retry (the specs that ask for one): recording one for every
    // test (DOM snapshots and a screencast, kept only on failure) cost e2e 13% of its CPU (12
    // tests: 83 and 78 CPU-s traced, 72 and 68 not), on the cores the suite is short of. To trace
    // a failing test: `npx playwright test <spec> --trace retain-on-failure`.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
});
