import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ICON_SIZES, ICO_SIZES, SOUND_FILES, appResources, iconFile, resourcesDir } from '../documents/app-resources';
import { fileSecretStore } from './services/secret-store';
import { createStationServices } from './services/station-services';
import { createDeviceTokens } from './station-host/device-tokens';
import { createStationHttpServer } from './station-host/http-transport';

/**
 * Issue 13, Resources: the app's icons and sounds are in the top-level resources/ folder, at the
 * sizes named, and the Electron shell, the station host, the renderer and the packaging use them
 * from there.
 */
const REPO = resolve(import.meta.dirname, '../..');
const dir = resourcesDir();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** A PNG's width, height and colour type, from its IHDR. */
function pngHeader(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

/** The alpha of a pixel of an RGBA PNG written without row filters (as scripts/make-resources.ts writes them). */
function alphaAt(bytes: Buffer, size: number) {
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = size * 4 + 1;
  return (x: number, y: number) => {
    expect(raw[y * stride]).toBe(0);
    return raw[y * stride + 1 + x * 4 + 3];
  };
}

describe('the resources folder', () => {
  it('is the top-level resources/ folder', () => {
    expect(dir).toBe(join(REPO, 'resources'));
  });

  it('has a PNG icon at every size named, RGBA, and icon.png at 512 px', () => {
    for (const size of APP_ICON_SIZES) {
      const png = pngHeader(readFileSync(join(dir, iconFile(size))));
      expect(png, `${size}px`).toEqual({ width: size, height: size, colourType: 6 });
    }
    expect(pngHeader(readFileSync(appResources().windowIcon))).toMatchObject({ width: 512, height: 512 });
    // A picture, not an empty square: at every size the corners are transparent (rounded), the middle opaque.
    for (const size of APP_ICON_SIZES) {
      const alpha = alphaAt(readFileSync(join(dir, iconFile(size))), size);
      expect([alpha(0, 0), alpha(size - 1, size - 1), alpha(size >> 1, size >> 1)], `${size}px`).toEqual([0, 0, 255]);
    }
  });

  it('has an .ico holding each Windows size as a PNG of that size', () => {
    const ico = readFileSync(appResources().favicon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    const sizes = ICO_SIZES.map((_, i) => {
      const entry = 6 + 16 * i;
      const named = ico[entry] || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const png = pngHeader(ico.subarray(offset, offset + length));
      expect(png.width).toBe(named);
      return png.width;
    });
    expect(sizes).toEqual([...ICO_SIZES]);
  });

  it('has the scan sounds as PCM WAV files a packer can tell apart', () => {
    const seconds = Object.fromEntries(
      Object.entries(SOUND_FILES).map(([name, file]) => {
        const wav = readFileSync(join(dir, file));
        expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
        expect(wav.toString('latin1', 8, 12)).toBe('WAVE');
        expect(wav.readUInt16LE(20)).toBe(1); // PCM
        const rate = wav.readUInt32LE(24);
        const bytesPerSample = wav.readUInt16LE(32);
        const samples = wav.readUInt32LE(40) / bytesPerSample;
        // Not silence: some sample is loud.
        let peak = 0;
        for (let i = 44; i < wav.length; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
        expect(peak, name).toBeGreaterThan(8000);
        return [name, samples / rate];
      }),
    );
    // A good scan is a short chirp; an error is a long buzz that cannot be mistaken for it.
    expect(seconds.success).toBeLessThan(0.15);
    expect(seconds.error).toBeGreaterThan(0.3);
    expect(seconds.complete).toBeGreaterThan(seconds.success!);
  });
});

describe('what uses them', () => {
  it('the packaging configuration takes every installer and taskbar icon from resources/ and ships the folder', () => {
    const config = JSON.parse(readFileSync(join(REPO, 'electron-builder.json'), 'utf8'));
    const icons = [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon, config.linux.icon, config.mac.icon] as string[];
    for (const icon of icons) {
      expect(icon.startsWith('resources/'), icon).toBe(true);
      expect(existsSync(join(REPO, icon)), icon).toBe(true);
    }
    expect(config.win.icon).toBe(relative(REPO, appResources().favicon));
    // electron-builder's Linux icon set: a folder of NxN.png.
    expect(statSync(join(REPO, config.linux.icon)).isDirectory()).toBe(true);
    expect(config.files).toContain('resources/**');
    expect(config.directories.buildResources).toBe('resources');
  });

  it('the Electron shell sets its window icon from resources/', () => {
    const shell = readFileSync(join(REPO, 'src/main/electron/index.ts'), 'utf8');
    expect(shell).toContain('icon: appResources().windowIcon');
  });

  it('the renderer plays the sounds in resources/sounds', () => {
    const sounds = readFileSync(join(REPO, 'src/renderer/feedback/sounds.ts'), 'utf8');
    for (const file of Object.values(SOUND_FILES)) expect(sounds).toContain(`'../../../resources/${file}?inline'`);
  });

  it('the station host serves the icon from resources/ as its favicon', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dockside-resources-'));
    const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
    const server = createStationHttpServer(services, join(dataDir, 'no-renderer'), { devices: createDeviceTokens(dataDir) });
    cleanups.push(async () => {
      server.close();
      await services.close();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(join(REPO, 'resources/icon.ico')));
  });
});
