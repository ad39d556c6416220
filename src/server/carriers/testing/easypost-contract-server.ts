import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildUps1z, buildUspsImpb } from '../../../shared/carriers/tracking-numbers';

/**
 * A local stand-in for EasyPost's API (the outside edge of the carrier adapter), implementing the
 * documented contract the adapter relies on: Basic auth with the API key as user name; POST
 * /v2/shipments answers the shipment with its rates; POST /v2/shipments/{id}/buy with a rate id
 * answers the shipment with postage_label (label_zpl_url / label_pdf_url), tracking_code and
 * tracker; GET /v2/shipments/{id}; POST /v2/shipments/{id}/refund sets refund_status; POST
 * /v2/trackers; errors as {"error": {"code", "message", "errors"}}. It also serves the label
 * files, and pushes signed tracker.updated Events to a webhook URL.
 *
 * Faults on demand: an address it cannot verify (street1 containing "NOWHERE" or no zip) answers
 * 422 ADDRESS.VERIFY.FAILURE; a rate older than `rateTtlMs` (or after expireRates()) is refused
 * at buy with 422 SHIPMENT.POSTAGE.FAILURE "rate has expired"; stall() holds the next answers
 * past any client timeout (the work is still done, as a real API behind a slow link would).
 */
export interface ContractServerOptions {
  apiKey: string;
  rateTtlMs?: number;
}

interface StoredShipment {
  id: string;
  reference: string | null;
  labelFormat: 'ZPL' | 'PDF';
  weightOz: number;
  isReturn: boolean;
  /** The addresses' postal codes, as sent. */
  toZip: string;
  fromZip: string;
  rates: { id: string; carrier: string; service: string; rate: string; currency: string; delivery_days: number; created: number }[];
  bought: { rateId: string; trackingCode: string; trackerId: string } | null;
  refundStatus: string | null;
}

export interface EasyPostContractServer {
  url: string;
  /** Every request the server answered, in order (method, path, whether its key was right). */
  requests: { method: string; path: string; authorized: boolean }[];
  /** The label bytes the server handed out, by tracking code. */
  labels: Map<string, Buffer>;
  /** The shipments created, in order: our reference, whether it is a return, the weight and the addresses' postal codes as sent. */
  shipments(): { reference: string | null; isReturn: boolean; weightOz: number; toZip: string; fromZip: string }[];
  expireRates(): void;
  /** Holds the next `count` API answers for `ms` (the request is still carried out). */
  stall(count: number, ms: number): void;
  /** Sends a signed tracker.updated Event for a tracking code, as EasyPost would; answers the receiver's status. */
  pushTracking(
    to: string,
    trackingCode: string,
    status: string,
    webhookSecret: string,
    options?: { eventId?: string; message?: string; signature?: string },
  ): Promise<{ status: number; body: string; eventId: string }>;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;

/** Written independently of the adapter, from EasyPost's client libraries' description. */
function sign(body: string, secret: string): string {
  return `hmac-sha256-hex=${createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
    .update(body, 'utf8')
    .digest('hex')}`;
}

const RATE_TABLE = [
  { carrier: 'UPS', service: 'Ground', base: 812, perOz: 9, days: 5 },
  { carrier: 'UPS', service: 'NextDayAir', base: 3150, perOz: 21, days: 1 },
  { carrier: 'USPS', service: 'GroundAdvantage', base: 545, perOz: 6, days: 4 },
  { carrier: 'USPS', service: 'Priority', base: 905, perOz: 8, days: 2 },
];

/** A carrier ZPL label as carriers send it: a graphic field, a ^FH escape and a byte outside ASCII (é), so any re-encoding shows. */
function zplLabel(trackingCode: string, service: string): Buffer {
  return Buffer.concat([
    Buffer.from(`^XA^CI0^PW812^LL1218\n^FO40,40^A0N,40,40^FD${service}^FS\n^FO40,100^FH^FDRue de l_27`, 'latin1'),
    Buffer.from([0xe9]),
    Buffer.from(`glise^FS\n^FO40,160^GFA,8,8,1,FF00FF00FF00FF00^FS\n^FO60,240^BY3^BCN,200,Y,N,N^FD${trackingCode}^FS\n^XZ\n`, 'latin1'),
  ]);
}

/** A one-page PDF with the tracking code as text. */
function pdfLabel(trackingCode: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const s = `BT /F1 14 Tf 20 400 Td (${trackingCode}) Tj ET`;
      return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The double's state and handlers; the server below routes requests to it. */
class EasyPostDouble {
  readonly shipments = new Map<string, StoredShipment>();
  readonly trackers = new Map<string, { id: string; code: string; carrier: string; status: string }>();
  readonly files = new Map<string, Buffer>();
  readonly labels = new Map<string, Buffer>();
  readonly requests: EasyPostContractServer['requests'] = [];
  expiredBefore = 0;
  serial = 1;
  stalls = { count: 0, ms: 0 };
  base = '';

  constructor(
    private readonly apiKey: string,
    private readonly rateTtlMs: number,
  ) {}

  send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
  fail(res: ServerResponse, status: number, code: string, message: string, errors: unknown[] = []): void {
    this.send(res, status, { error: { code, message, errors } });
  }

  shipmentJson(s: StoredShipment) {
    const rate = s.bought ? s.rates.find((r) => r.id === s.bought!.rateId)! : null;
    const code = s.bought?.trackingCode ?? null;
    return {
      id: s.id,
      object: 'Shipment',
      mode: 'test',
      reference: s.reference,
      is_return: s.isReturn,
      status: s.bought ? 'unknown' : null,
      tracking_code: code,
      options: { label_format: s.labelFormat },
      messages: [],
      rates: s.rates.map(({ created: _c, ...r }) => ({ ...r, object: 'Rate', shipment_id: s.id })),
      selected_rate: rate ? { id: rate.id, carrier: rate.carrier, service: rate.service, rate: rate.rate, currency: rate.currency } : null,
      postage_label: code
        ? {
            object: 'PostageLabel',
            label_file_type: s.labelFormat === 'ZPL' ? 'application/zpl' : 'application/pdf',
            label_url: `${this.base}/files/${code}.${s.labelFormat === 'ZPL' ? 'zpl' : 'pdf'}`,
            label_zpl_url: s.labelFormat === 'ZPL' ? `${this.base}/files/${code}.zpl` : null,
            label_pdf_url: s.labelFormat === 'PDF' ? `${this.base}/files/${code}.pdf` : null,
          }
        : null,
      tracker: code ? { id: s.bought!.trackerId, object: 'Tracker', tracking_code: code, public_url: `${this.base}/track/${code}` } : null,
      refund_status: s.refundStatus,
    };
  }

  addressProblems(a: Record<string, unknown> | undefined, field: string) {
    const problems: { field: string; message: string; suggestion: null }[] = [];
    if (!a || typeof a !== 'object') return [{ field, message: 'is required', suggestion: null }];
    if (!a.zip) problems.push({ field: 'zip', message: 'Zip code is missing', suggestion: null });
    if (String(a.street1 ?? '').includes('NOWHERE')) problems.push({ field: 'address', message: 'Address not found', suggestion: null });
    return problems;
  }

  createShipment(res: ServerResponse, body: { shipment?: Record<string, unknown> }) {
    const s = body.shipment;
    if (!s)
      return this.fail(res, 422, 'PARAMETER.REQUIRED', 'Missing required parameter.', [{ field: 'shipment', message: 'is required' }]);
    const problems = [
      ...this.addressProblems(s.to_address as Record<string, unknown>, 'to_address'),
      ...this.addressProblems(s.from_address as Record<string, unknown>, 'from_address'),
    ];
    if (problems.length) return this.fail(res, 422, 'ADDRESS.VERIFY.FAILURE', 'Unable to verify address.', problems);
    const weightOz = Number((s.parcel as { weight?: unknown } | undefined)?.weight);
    if (!(weightOz > 0))
      return this.fail(res, 422, 'SHIPMENT.INVALID_PARAMS', 'Parcel weight must be greater than zero.', [
        { field: 'parcel.weight', message: 'must be greater than 0' },
      ]);
    const format =
      String((s.options as { label_format?: unknown } | undefined)?.label_format ?? 'PDF').toUpperCase() === 'ZPL' ? 'ZPL' : 'PDF';
    const now = Date.now();
    const shipment: StoredShipment = {
      id: id('shp'),
      reference: typeof s.reference === 'string' ? s.reference : null,
      labelFormat: format,
      weightOz,
      isReturn: s.is_return === true,
      toZip: String((s.to_address as { zip?: unknown }).zip),
      fromZip: String((s.from_address as { zip?: unknown }).zip),
      rates: RATE_TABLE.map((r) => ({
        id: id('rate'),
        carrier: r.carrier,
        service: r.service,
        rate: ((r.base + Math.ceil(weightOz) * r.perOz) / 100).toFixed(2),
        currency: 'USD',
        delivery_days: r.days,
        created: now,
      })),
      bought: null,
      refundStatus: null,
    };
    this.shipments.set(shipment.id, shipment);
    this.send(res, 201, this.shipmentJson(shipment));
  }

  buy(res: ServerResponse, shipmentId: string, body: { rate?: { id?: string } }) {
    const s = this.shipments.get(shipmentId);
    if (!s) return this.fail(res, 404, 'NOT_FOUND', 'The requested resource could not be found.');
    if (s.bought) return this.fail(res, 422, 'SHIPMENT.POSTAGE.EXISTS', 'This shipment already has postage.');
    const rate = s.rates.find((r) => r.id === body.rate?.id);
    if (!rate)
      return this.fail(res, 422, 'SHIPMENT.RATE.INVALID', 'The rate is not a rate of this shipment.', [
        { field: 'rate', message: 'is invalid' },
      ]);
    if (rate.created < this.expiredBefore || Date.now() - rate.created > this.rateTtlMs)
      return this.fail(res, 422, 'SHIPMENT.POSTAGE.FAILURE', 'The rate has expired; re-rate the shipment and buy a current rate.');
    const n = this.serial++;
    const trackingCode =
      rate.carrier === 'UPS' ? buildUps1z('EZ0001', rate.service === 'Ground' ? '03' : '01', n) : buildUspsImpb('94', '001', '123456', n);
    s.bought = { rateId: rate.id, trackingCode, trackerId: id('trk') };
    this.trackers.set(trackingCode, { id: s.bought.trackerId, code: trackingCode, carrier: rate.carrier, status: 'pre_transit' });
    const bytes = s.labelFormat === 'ZPL' ? zplLabel(trackingCode, `${rate.carrier} ${rate.service}`) : pdfLabel(trackingCode);
    this.files.set(`${trackingCode}.${s.labelFormat.toLowerCase()}`, bytes);
    this.labels.set(trackingCode, bytes);
    this.send(res, 200, this.shipmentJson(s));
  }

  refund(res: ServerResponse, shipmentId: string) {
    const s = this.shipments.get(shipmentId);
    if (!s) return this.fail(res, 404, 'NOT_FOUND', 'The requested resource could not be found.');
    if (!s.bought) return this.fail(res, 422, 'SHIPMENT.REFUND.UNAVAILABLE', 'This shipment has no postage to refund.');
    const tracker = this.trackers.get(s.bought.trackingCode)!;
    s.refundStatus = tracker.status === 'pre_transit' ? 'submitted' : 'rejected';
    this.send(res, 200, this.shipmentJson(s));
  }

  tracker(res: ServerResponse, body: { tracker?: { tracking_code?: string; carrier?: string } }) {
    const code = body.tracker?.tracking_code;
    if (!code)
      return this.fail(res, 422, 'PARAMETER.REQUIRED', 'Missing required parameter.', [
        { field: 'tracker.tracking_code', message: 'is required' },
      ]);
    const t = this.trackers.get(code) ?? { id: id('trk'), code, carrier: body.tracker?.carrier ?? 'UPS', status: 'unknown' };
    this.trackers.set(code, t);
    this.send(res, 201, this.trackerJson(t));
  }

  trackerJson(t: { id: string; code: string; carrier: string; status: string }, message?: string) {
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      id: t.id,
      object: 'Tracker',
      mode: 'test',
      tracking_code: t.code,
      carrier: t.carrier,
      status: t.status,
      public_url: `${this.base}/track/${t.code}`,
      updated_at: at,
      tracking_details: [
        {
          object: 'TrackingDetail',
          datetime: at,
          message: message ?? t.status.replace(/_/g, ' '),
          status: t.status,
          tracking_location: { object: 'TrackingLocation', city: 'Louisville', state: 'KY', country: 'US', zip: '40209' },
        },
      ],
    };
  }

  async route(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const file = /^\/files\/([\w.]+)$/.exec(url.pathname);
    if (req.method === 'GET' && file) {
      const bytes = this.files.get(file[1]!);
      if (!bytes) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': file[1]!.endsWith('.zpl') ? 'application/zpl' : 'application/pdf' }).end(bytes);
    }
    const key = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const authorized = key !== undefined && Buffer.from(key, 'base64').toString('utf8') === `${this.apiKey}:`;
    this.requests.push({ method: req.method ?? '', path: url.pathname, authorized });
    if (this.stalls.count > 0) {
      this.stalls.count--;
      await new Promise((r) => setTimeout(r, this.stalls.ms));
    }
    if (!authorized) return this.fail(res, 401, 'APIKEY.INACTIVE', 'The API key is missing or not active.');
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return this.fail(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    }
    this.api(req.method ?? '', url.pathname, res, body);
  }

  api(method: string, path: string, res: ServerResponse, body: Record<string, unknown>): void {
    const m = /^\/v2\/shipments\/([\w]+)(?:\/(buy|refund))?$/.exec(path);
    if (method === 'POST' && path === '/v2/shipments') return this.createShipment(res, body);
    if (method === 'POST' && m?.[2] === 'buy') return this.buy(res, m[1]!, body);
    if (method === 'POST' && m?.[2] === 'refund') return this.refund(res, m[1]!);
    if (method === 'GET' && m && !m[2]) {
      const s = this.shipments.get(m[1]!);
      return s ? this.send(res, 200, this.shipmentJson(s)) : this.fail(res, 404, 'NOT_FOUND', 'The requested resource could not be found.');
    }
    if (method === 'POST' && path === '/v2/trackers') return this.tracker(res, body);
    this.fail(res, 404, 'NOT_FOUND', 'The requested resource could not be found.');
  }
}

export async function startEasyPostContractServer(options: ContractServerOptions): Promise<EasyPostContractServer> {
  const d = new EasyPostDouble(options.apiKey, options.rateTtlMs ?? 24 * 3_600_000);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      d.route(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: Error) => {
        if (!res.headersSent) d.fail(res, 500, 'INTERNAL_SERVER_ERROR', error.message);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  d.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: d.base,
    requests: d.requests,
    labels: d.labels,
    shipments: () =>
      [...d.shipments.values()].map(({ reference, isReturn, weightOz, toZip, fromZip }) => ({
        reference,
        isReturn,
        weightOz,
        toZip,
        fromZip,
      })),
    expireRates() {
      d.expiredBefore = Date.now() + 1;
    },
    stall(count, ms) {
      d.stalls = { count, ms };
    },
    async pushTracking(to, trackingCode, status, webhookSecret, push = {}) {
      const t = d.trackers.get(trackingCode) ?? { id: id('trk'), code: trackingCode, carrier: 'UPS', status };
      t.status = status;
      d.trackers.set(trackingCode, t);
      const eventId = push.eventId ?? id('evt');
      const body = JSON.stringify({
        id: eventId,
        object: 'Event',
        mode: 'test',
        description: 'tracker.updated',
        previous_attributes: {},
        pending_urls: [to],
        completed_urls: [],
        created_at: new Date().toISOString(),
        result: d.trackerJson(t, push.message),
      });
      const res = await fetch(to, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hmac-signature': push.signature ?? sign(body, webhookSecret) },
        body,
      });
      return { status: res.status, body: await res.text(), eventId };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
