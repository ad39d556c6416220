import { _electron as electron } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { STATION_RENDERER_JS_FLAGS } from '../src/main/electron/renderer-js-flags';
import { expect, test } from './support/fixtures';

/**
 * Launches the real Electron app where the Electron binary is installed. On machines where its
 * download is unreachable (the binary is fetched from outside the npm registry), it is skipped
 * with that reason; the station host e2e covers the same services and renderer.
 */
const require = createRequire(import.meta.url);
function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip(!binary, 'Electron binary not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1: its download is not reachable here)');

  test('opens the station window with an isolated, sandboxed renderer', async ({ launch }) => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['out/main/index.js', '--no-sandbox'],
      env: { ...process.env, DOCKSIDE_DATA_DIR: launch.dataDir('electron') },
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
    // The renderer sees the bridge and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { docksideBridge?: unknown }).docksideBridge)).toBe('object');
    expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');
    // Its V8 runs with the station renderer's flags (renderer-js-flags.ts).
    expect(await app.evaluate(({ app }) => app.commandLine.getSwitchValue('js-flags'))).toBe(STATION_RENDERER_JS_FLAGS);
    await app.close();
  });
});
