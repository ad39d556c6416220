import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexedDbBackendOf, SQLITE_FOR_NEW_STORES_FROM } from '../src/main/electron/indexeddb-backend';
import { CHROMIUM_PATH, chromiumArgs } from './support/chromium-args';

/**
 * The desktop app picks Chromium's IndexedDB backend from what its profile holds
 * (indexeddb-backend.ts), because Chromium started on the other backend deletes a profile's
 * stores. Here a real Chromium profile is written, the rule is asked, and Chromium is started
 * again as the app would start it: what was written is still there.
 */
/** Debian's Chromium here: 150, on which Chrome puts new stores on SQLite. */
let chromiumMajor = 0;
let server: Server;
let origin: string;
const profiles: string[] = [];

test.beforeAll(async ({ browser }) => {
  chromiumMajor = Number(browser.version().split('.')[0]);
  expect(chromiumMajor).toBeGreaterThanOrEqual(SQLITE_FOR_NEW_STORES_FROM);
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>station</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

function newProfile(): { userDataDir: string; profileDir: string } {
  const userDataDir = mkdtempSync(join(tmpdir(), 'dockside-profile-'));
  profiles.push(userDataDir);
  return { userDataDir, profileDir: join(userDataDir, 'Default') };
}

/** Starts Chromium on the profile with the backend given, writes `write` (when given) to a store, and reads the store back. */
async function inChromium(userDataDir: string, backend: 'sqlite' | 'leveldb', write?: string): Promise<string[]> {
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: chromiumArgs(backend) });
  try {
    const page = await context.newPage();
    await page.goto(origin);
    return await page.evaluate(async (value) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('outbox', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('events', { autoIncrement: true });
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      if (value !== undefined)
        await new Promise((resolve, reject) => {
          const tx = db.transaction('events', 'readwrite');
          tx.objectStore('events').add(value);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      const all = await new Promise<string[]>((resolve, reject) => {
        const read = db.transaction('events').objectStore('events').getAll();
        read.onsuccess = () => resolve(read.result as string[]);
        read.onerror = () => reject(read.error);
      });
      db.close();
      return all;
    }, write);
  } finally {
    await context.close();
  }
}

test('a profile that holds LevelDB stores stays on LevelDB, and its unsent events are still there', async () => {
  const { userDataDir, profileDir } = newProfile();
  // A station installed before the app chose SQLite: Chromium's default backend.
  expect(await inChromium(userDataDir, 'leveldb', 'item-packed 17')).toEqual(['item-packed 17']);
  expect(readdirSync(join(profileDir, 'IndexedDB')).some((d) => d.endsWith('.indexeddb.leveldb'))).toBe(true);

  const backend = indexedDbBackendOf(profileDir, chromiumMajor);
  expect(backend).toBe('leveldb');
  expect(await inChromium(userDataDir, backend)).toEqual(['item-packed 17']);
});

test('a new profile runs on SQLite, and is started on SQLite again with its stores kept', async () => {
  const { userDataDir, profileDir } = newProfile();
  expect(indexedDbBackendOf(profileDir, chromiumMajor)).toBe('sqlite');
  expect(await inChromium(userDataDir, 'sqlite', 'item-packed 18')).toEqual(['item-packed 18']);
  expect(readdirSync(join(profileDir, 'IndexedDB')).some((d) => d.endsWith('.indexeddb.leveldb'))).toBe(false);

  const backend = indexedDbBackendOf(profileDir, chromiumMajor);
  expect(backend).toBe('sqlite');
  expect(await inChromium(userDataDir, backend)).toEqual(['item-packed 18']);
});

test('why the rule matters: Chromium started on the other backend loses the stores', async () => {
  const { userDataDir } = newProfile();
  expect(await inChromium(userDataDir, 'leveldb', 'item-packed 19')).toEqual(['item-packed 19']);
  expect(await inChromium(userDataDir, 'sqlite')).toEqual([]);
});
