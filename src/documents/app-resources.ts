import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's resources in the top-level resources/ folder (made by scripts/make-resources.ts):
 * icons for the window, the taskbar and the installers, the scan sounds, and the label fonts.
 * The Electron shell sets its window icon from here, the station host serves the favicon from
 * here, the renderer bundles the sounds from here, and electron-builder.json packages this folder.
 */
export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** The sizes inside icon.ico (Windows taskbar, Explorer and the installer). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** The sounds a packer hears (src/renderer/feedback/sounds.ts plays them). */
export const SOUND_FILES = {
  success: 'sounds/scan-ok.wav',
  error: 'sounds/scan-error.wav',
  complete: 'sounds/order-complete.wav',
} as const;

/** An icon size's file, as electron-builder names a Linux icon set (icons/512x512.png). */
export const iconFile = (size: number) => `icons/${size}x${size}.png`;

let found: string | undefined;

/**
 * The resources folder: DOCKSIDE_RESOURCES_DIR, else found walking up from this module (the
 * source tree in tests and the station host; the app folder, inside app.asar, when packaged).
 */
export function resourcesDir(): string {
  if (found) return found;
  if (process.env.DOCKSIDE_RESOURCES_DIR) return (found = process.env.DOCKSIDE_RESOURCES_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'icon.png'))) return (found = candidate);
    if (dirname(dir) === dir) throw new Error('the resources folder was not found (resources/icon.png)');
    dir = dirname(dir);
  }
}

/** Where each resource is. */
export function appResources(dir = resourcesDir()) {
  return {
    /** The window and taskbar icon on Linux and macOS (512 px); Windows takes it from the .exe, built from icon.ico. */
    windowIcon: join(dir, 'icon.png'),
    favicon: join(dir, 'icon.ico'),
    fonts: join(dir, 'fonts'),
  };
}
