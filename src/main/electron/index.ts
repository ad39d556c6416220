import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { appResources } from '../../documents/app-resources';
import { createStationServices, type StationServices } from '../services/station-services';
import { CONTENT_SECURITY_POLICY } from '../station-host/content-security-policy';
import { IPC_EVENT_CHANNEL, registerIpcHandlers } from './ipc-transport';
import { isSafeExternalLink } from './external-links';
import { indexedDbBackendOf, indexedDbFeatures } from './indexeddb-backend';
import { STATION_RENDERER_JS_FLAGS } from './renderer-js-flags';
import { safeStorageSecrets } from './safe-storage-secrets';

/**
 * The Electron shell: windows and IPC wiring around the same services the station host runs.
 * Electronegativity PRELOAD_JS_CHECK (review the preload): the preload exposes one function per
 * handler through contextBridge (src/preload), never ipcRenderer itself, and the window is
 * sandboxed with context isolation, so the page gets no Node or Electron object.
 */
let services: StationServices | null = null;

async function start() {
  const dataDir = process.env.DOCKSIDE_DATA_DIR ?? join(app.getPath('userData'), 'station');
  let desktopDevice: string | null = null;
  services = await createStationServices({
    dataDir,
    secrets: safeStorageSecrets(dataDir),
    defaultServerUrl: process.env.DOCKSIDE_SERVER_URL ?? null,
    // The window is the app's one screen; asked only when a supervisor lists the screens, after it exists.
    screenName: (deviceId) => (deviceId === desktopDevice ? 'Desktop app' : null),
  });
  const desktop = registerIpcHandlers(ipcMain, services);
  desktopDevice = desktop.deviceId;

  // Electronegativity cannot parse a CSP held in a constant (CSP_GLOBAL_CHECK "failed to parse"):
  // it is content-security-policy.ts, the same one the station host sends.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Dockside',
    // The taskbar and window icon (Linux, macOS); on Windows the .exe carries icon.ico (electron-builder.json).
    icon: appResources().windowIcon,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Electronegativity AUXCLICK_JS_CHECK: a middle click must not open anything.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // No remote content: links open in the system browser, navigation away is refused.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  services.events.subscribe(desktop.deviceId, (name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  if (process.env.ELECTRON_RENDERER_URL) await win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await win.loadFile(join(__dirname, '../renderer/index.html'));
}

// Before the app is ready, or Chromium has opened IndexedDB on its default already.
const features = indexedDbFeatures(indexedDbBackendOf(app.getPath('sessionData'), Number(process.versions.chrome.split('.')[0])));
if (features.length) app.commandLine.appendSwitch('enable-features', features.join(','));
// The renderer's V8 (the main process has its own, Node's): see renderer-js-flags.ts.
app.commandLine.appendSwitch('js-flags', STATION_RENDERER_JS_FLAGS);

// No window or webview other than ours: anything created later gets the same refusals.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app
  .whenReady()
  .then(start)
  .catch((err) => {
    console.error(err);
    app.exit(1);
  });
app.on('window-all-closed', () => {
  void services?.close().finally(() => app.quit());
});
