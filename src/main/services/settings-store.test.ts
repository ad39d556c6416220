import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { PrinterConfig } from '../../shared/contract/index';
import { createSettingsStore } from './settings-store';

const dirs: string[] = [];
const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockside-settings-'));
  dirs.push(dir);
  return { dir, settings: createSettingsStore(dir) };
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const zebra: PrinterConfig = {
  id: crypto.randomUUID(),
  name: 'Zebra 1',
  language: 'zpl',
  dpi: 203,
  connection: { kind: 'tcp', host: '10.0.0.9', port: 9100 },
};

describe('station settings', () => {
  it('a patch changes only the fields it names, through the handler contract too', async () => {
    const { settings } = store();
    settings.update({ printers: [zebra], scanner: { maxInterKeyMs: 30, minLength: 6 } });
    const handlers = { 'settings.update': async (patch: never) => settings.update(patch) } as never;
    const caller = { deviceId: crypto.randomUUID() };
    const after = (await dispatch(handlers, 'settings.update', { routes: { 'shipping-label': zebra.id } }, caller)) as ReturnType<
      typeof settings.get
    >;
    expect(after.printers).toEqual([zebra]);
    expect(after.scanner).toEqual({ maxInterKeyMs: 30, minLength: 6 });
    expect(after.routes).toEqual({ 'shipping-label': zebra.id });
    await expect(dispatch(handlers, 'settings.update', { printer: [] }, caller)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('survives a restart', () => {
    const { dir, settings } = store();
    settings.update({ printers: [zebra], routes: { 'packing-slip': zebra.id } });
    expect(createSettingsStore(dir).get()).toMatchObject({ printers: [zebra], routes: { 'packing-slip': zebra.id } });
  });

  it('refuses a route to a printer that is not configured, and keeps what it had', () => {
    const { settings } = store();
    settings.update({ printers: [zebra], routes: { 'shipping-label': zebra.id } });
    expect(() => settings.update({ printers: [] })).toThrow(expect.objectContaining({ code: 'unknown_printer' }));
    expect(settings.get().printers).toEqual([zebra]);
    expect(settings.update({ printers: [], routes: {} }).printers).toEqual([]);
  });
});
