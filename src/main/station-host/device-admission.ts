import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEVICE_TOKEN_HEADER, DevicePairingRequest, type DeviceRefusal, type DeviceTokenIssued } from '../../shared/contract/index';
import { HandlerError } from '../../shared/contract/dispatch';
import type { DevicePairing } from '../services/device-pairing';
import type { DeviceTokens } from './device-tokens';
import { screenNameFromBrowser, stationComputerScreenName } from './screen-names';

const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];
const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

/**
 * The station's own page, opened on the station's machine, pairs without a code. That is a
 * request that (1) arrives over loopback (the socket's address, not a header), (2) names a
 * loopback host, and (3) comes from a browser page of this very origin: its Origin header equals
 * the Host, and Sec-Fetch-Site, when sent, says same-origin. Browsers set Origin and
 * Sec-Fetch-Site themselves and no page can change them. A program on this machine could forge
 * them, but it already runs next to the station's data directory; what this rule keeps out is
 * callers that send no Origin (curl, scripts) and every device on the LAN: they type the code.
 */
export function isOwnPageOnThisMachine(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_ADDRESSES.includes(req.socket.remoteAddress ?? '')) return false;
  if (!LOOPBACK_HOSTNAMES.includes(host.replace(/:\d+$/, ''))) return false;
  const origin = req.headers.origin;
  if (!origin || origin !== `http://${host}`) return false;
  const fetchSite = req.headers['sec-fetch-site'];
  return fetchSite === undefined || fetchSite === 'same-origin';
}

export interface DeviceAdmission {
  /** POST /api/devices: a device token for the station's own page, or for a device with the pairing code. */
  pair(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The calling device; without a token this host issued, answers 401 device_not_paired and returns null. */
  callingDevice(req: IncomingMessage, res: ServerResponse): string | null;
}

export function createDeviceAdmission(deps: {
  devices: DeviceTokens;
  pairing: DevicePairing;
  readBody: (req: IncomingMessage) => Promise<string>;
}): DeviceAdmission {
  const { devices, pairing } = deps;
  const notPaired = (detail: string) => refusal(401, 'device_not_paired', 'This device is not paired with the station', detail);

  return {
    async pair(req, res) {
      if (isOwnPageOnThisMachine(req))
        return sendJson(res, 201, { deviceToken: devices.issue(stationComputerScreenName).deviceToken } satisfies DeviceTokenIssued);
      let body: unknown;
      try {
        body = JSON.parse((await deps.readBody(req)) || '{}');
      } catch {
        body = null;
      }
      const parsed = DevicePairingRequest.safeParse(body);
      if (!parsed.success) {
        // A name too long is said as such, before the code is spent: the device pairs once it is shortened.
        const badName = parsed.error.issues.find((i) => i.path[0] === 'screenName');
        return sendProblem(
          res,
          badName
            ? refusal(400, 'screen_name_invalid', 'The screen name is not valid', badName.message)
            : refusal(
                400,
                'malformed_pairing_request',
                'The pairing request is not valid',
                'send {"pairingCode": "<the code shown at the station>", "screenName": "<optional, at most 40 characters>"} as JSON',
              ),
        );
      }
      const request = parsed.data;
      if (!request.pairingCode)
        return sendProblem(
          res,
          notPaired('type the pairing code shown at the station (its Supervisor screen, or the station host console) to pair this device'),
        );
      try {
        pairing.redeem(request.pairingCode);
      } catch (err) {
        if (err instanceof HandlerError) return sendProblem(res, refusal(err.status, err.code, 'Pairing refused', err.message));
        throw err;
      }
      const named = (deviceId: string) => request.screenName ?? screenNameFromBrowser(req.headers['user-agent'], deviceId);
      sendJson(res, 201, { deviceToken: devices.issue(named).deviceToken } satisfies DeviceTokenIssued);
    },
    callingDevice(req, res) {
      const token = req.headers[DEVICE_TOKEN_HEADER];
      if (typeof token !== 'string' || !token) {
        sendProblem(
          res,
          notPaired(
            `this request has no ${DEVICE_TOKEN_HEADER} header: pair the device first (POST /api/devices with the pairing code shown at the station)`,
          ),
        );
        return null;
      }
      const deviceId = devices.deviceOf(token);
      if (!deviceId)
        sendProblem(
          res,
          notPaired('this station host did not pair this device token (or has forgotten it): pair again with POST /api/devices'),
        );
      return deviceId;
    },
  };
}

function refusal(status: number, code: string, title: string, detail: string): DeviceRefusal {
  return { type: `https://dockside.dev/problems/${code}`, title, status, code, detail };
}

/** Every station-host refusal has one shape: problem+json plus the call-reply fields the renderer reads. */
function sendProblem(res: ServerResponse, problem: DeviceRefusal) {
  if (res.headersSent) return void res.end();
  res.writeHead(problem.status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ ...problem, ok: false, error: { code: problem.code, message: problem.detail } }));
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
