import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_TOKEN_HEADER, DeviceTokenIssued, type PairingCode } from '../../shared/contract/index';
import type { StationServices } from '../services/station-services';
import { isOwnPageOnThisMachine } from './device-admission';
import { createDeviceTokens, type DeviceTokens } from './device-tokens';
import { startTestStationHost, type TestStationHost } from './testing/test-station-host';

/** Pairing handhelds with a station host: real HTTP, real services, a clock moved by hand. */
let clock = Date.parse('2026-12-04T08:00:00Z');
let host: TestStationHost;
let services: StationServices;
let baseUrl: string;
let devices: DeviceTokens;
const printed: PairingCode[] = [];

beforeAll(async () => {
  host = await startTestStationHost({ now: () => clock, onPairingCode: (c) => printed.push(c) });
  ({ services, baseUrl, devices } = host);
});
afterAll(() => host.stop());

const pair = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
/** Supervisor work: what an unpaired caller must never reach. */
const superviseAs = (token: string | null) =>
  fetch(`${baseUrl}/api/call/supervisor.backorders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [DEVICE_TOKEN_HEADER]: token } : {}) },
    body: '{}',
  });

/** Past pairing the handler itself answers (refusing: this station is not enrolled, nobody is signed in). */
async function expectHandlerReached(token: string) {
  const res = await superviseAs(token);
  expect(res.status).not.toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: expect.not.stringMatching(/device/) } });
}

describe('pairing devices with the station host', () => {
  it('refuses an unpaired caller: no token for asking, and no handler without one', async () => {
    const asked = await pair({});
    expect(asked.status).toBe(401);
    expect(asked.headers.get('content-type')).toBe('application/problem+json');
    expect(await asked.json()).toMatchObject({ status: 401, code: 'device_not_paired', detail: expect.stringContaining('pairing code') });
    const res = await superviseAs(null);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'device_not_paired' });
  });

  it('pairs the station page itself, on this machine and same-origin, without a code', async () => {
    const own = await pair({}, { origin: baseUrl, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(201);
    const { deviceToken } = DeviceTokenIssued.parse(await own.json());
    await expectHandlerReached(deviceToken);
    const id = devices.deviceOf(deviceToken)!;
    expect(devices.nameOf(id)).toBe(`Station computer (${id.slice(0, 8)})`);
  });

  it('names a device as asked when it pairs, or else by its browser and system; the name outlives a restart', async () => {
    const named = await pair({ pairingCode: services.pairing.current().code, screenName: '  Handheld 3 ' });
    const handheld = devices.deviceOf(DeviceTokenIssued.parse(await named.json()).deviceToken)!;
    expect(devices.nameOf(handheld)).toBe('Handheld 3');
    const android =
      'Mozilla/5.0 (Linux; Android 11; TC52) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';
    const unnamed = await pair({ pairingCode: services.pairing.current().code }, { 'user-agent': android });
    const other = devices.deviceOf(DeviceTokenIssued.parse(await unnamed.json()).deviceToken)!;
    expect(devices.nameOf(other)).toBe(`Chrome on Android (${other.slice(0, 8)})`);
    const restarted = createDeviceTokens(host.dataDir);
    expect([restarted.nameOf(handheld), restarted.nameOf(other)]).toEqual(['Handheld 3', `Chrome on Android (${other.slice(0, 8)})`]);
  });

  it('refuses a name too long before it spends the code, which then pairs the device', async () => {
    const code = services.pairing.current().code;
    const tooLong = await pair({ pairingCode: code, screenName: 'Handheld at the far end of aisle 14, by the dock' });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 'screen_name_invalid', detail: 'a screen name has at most 40 characters' });
    expect((await pair({ pairingCode: code, screenName: 'Aisle 14 handheld' })).status).toBe(201);
  });

  it('treats a page on the LAN, or a local caller without Origin, as a device that needs the code', () => {
    const req = (remoteAddress: string, headers: Record<string, string>) =>
      ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
    expect(
      isOwnPageOnThisMachine(
        req('127.0.0.1', { host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'same-origin' }),
      ),
    ).toBe(true);
    expect(
      isOwnPageOnThisMachine(
        req('192.168.1.40', { host: '192.168.1.10:5173', origin: 'http://192.168.1.10:5173', 'sec-fetch-site': 'same-origin' }),
      ),
    ).toBe(false);
    expect(isOwnPageOnThisMachine(req('192.168.1.40', { host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173' }))).toBe(false);
    expect(isOwnPageOnThisMachine(req('127.0.0.1', { host: '127.0.0.1:5173' }))).toBe(false);
    expect(
      isOwnPageOnThisMachine(req('127.0.0.1', { host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'cross-site' })),
    ).toBe(false);
  });

  it('the right code pairs one device, once; the next code is printed for the next one', async () => {
    const code = services.pairing.current();
    const first = await pair({ pairingCode: code.code.toLowerCase() });
    expect(first.status).toBe(201);
    const { deviceToken } = DeviceTokenIssued.parse(await first.json());
    await expectHandlerReached(deviceToken);

    const again = await pair({ pairingCode: code.code });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'pairing_code_wrong' });
    const next = printed.at(-1)!;
    expect(next.code).not.toBe(code.code);
    expect(services.pairing.current()).toEqual(next);
    expect((await pair({ pairingCode: next.code })).status).toBe(201);
  });

  it('refuses wrong codes, and after five throws the code away and pauses pairing, longer each time', async () => {
    const code = services.pairing.current().code;
    for (let left = 4; left >= 1; left--) {
      const wrong = await pair({ pairingCode: 'ZZZZ-ZZZZ' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ code: 'pairing_code_wrong', detail: expect.stringContaining(`${left} tries left`) });
    }
    const fifth = await pair({ pairingCode: 'ZZZZ-ZZZZ' });
    expect(fifth.status).toBe(429);
    expect(await fifth.json()).toMatchObject({ code: 'pairing_paused' });
    // Even the new, right code waits out the pause; the old one never works again.
    const fresh = services.pairing.current().code;
    expect(fresh).not.toBe(code);
    expect((await pair({ pairingCode: fresh })).status).toBe(429);
    clock += 30_000;
    expect((await pair({ pairingCode: code })).status).toBe(401);

    // Another run of wrong codes pauses for twice as long.
    for (let i = 0; i < 4; i++) await pair({ pairingCode: 'ZZZZ-ZZZZ' });
    const before = clock;
    expect((await pair({ pairingCode: 'ZZZZ-ZZZZ' })).status).toBe(429);
    clock = before + 30_000;
    expect(await (await pair({ pairingCode: services.pairing.current().code })).json()).toMatchObject({ code: 'pairing_paused' });
    clock = before + 60_000;
    expect((await pair({ pairingCode: services.pairing.current().code })).status).toBe(201);
  });

  it('refuses an expired code', async () => {
    const code = services.pairing.current().code;
    clock += 10 * 60_000;
    expect(await (await pair({ pairingCode: code })).json()).toMatchObject({
      code: 'pairing_code_wrong',
      detail: expect.stringContaining('expired'),
    });
  });

  it('refuses a malformed pairing request with a clear code', async () => {
    const res = await fetch(`${baseUrl}/api/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"pairingCode": 12',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'malformed_pairing_request' });
  });
});
