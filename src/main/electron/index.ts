import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { createStationServices, type StationServices } from '../services/station-services';
import { CONTENT_SECURITY_POLICY } from '../station-host/content-security-policy';
import { IPC_EVENT_CHANNEL, registerIpcHandlers } from './ipc-transport';
import { safeStorageSecrets } from './safe-storage-secrets';

/** The Electron shell: windows and IPC wiring around the same services the station host runs. */
let services: StationServices | null = null;

async function start() {
  const dataDir = process.env.DOCKSIDE_DATA_DIR ?? join(app.getPath('userData'), 'station');
  services = await createStationServices({ dataDir, secrets: safeStorageSecrets(dataDir), defaultServerUrl: process.env.DOCKSIDE_SERVER_URL ?? null });
  const desktop = registerIpcHandlers(ipcMain, services);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Dockside',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // No remote content: links open in the system browser, navigation away is refused.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  services.events.subscribe(desktop.deviceId, (name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  if (process.env.ELECTRON_RENDERER_URL) await win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await win.loadFile(join(__dirname, '../renderer/index.html'));
}

app.whenReady().then(start).catch((err) => {
  console.error(err);
  app.exit(1);
});
app.on('window-all-closed', () => {
  void services?.close().finally(() => app.quit());
});
