import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import type { PrinterConfig, StationSettings } from '../../shared/contract/settings';
import { buildSscc } from '../../shared/domain/gs1';
import { renderZpl } from '../../shared/labels/zpl/render-zpl';
import { createPrintService, type PrintService } from './print-service';
import { decodeBarcodes } from './testing/decode-barcodes';
import { escposText, parseEscpos } from './testing/escpos-parser';
import {
  packingSlipData,
  returnLabelData,
  shippingData,
  ssccLabelData,
  stationSettings,
  tcpPrinter,
  tempDataDir,
} from './testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from './testing/virtual-printer';
import { testSsccAllocator } from './testing/sscc-blocks';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function printer(): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter();
  cleanup.push(() => p.close());
  return p;
}

async function service(settings: StationSettings, lpCommand?: string): Promise<PrintService> {
  const dataDir = await tempDataDir();
  const s = await createPrintService({
    dataDir,
    getSettings: () => settings,
    sscc: await testSsccAllocator(dataDir),
    backoff: { baseMs: 600_000, maxMs: 600_000 },
    transport: { tcp: { idleTimeoutMs: 500, closeTimeoutMs: 500 }, cups: lpCommand ? { lpCommand } : undefined },
  });
  cleanup.push(() => s.close());
  return s;
}

/** A stand-in lp that spools to a directory, or fails like a missing queue. */
async function fakeLp(fail = false): Promise<{ command: string; spooled: () => Promise<Buffer> }> {
  const dir = await tempDataDir();
  const command = join(dir, 'lp');
  await writeFile(
    command,
    fail
      ? '#!/bin/sh\ncat >/dev/null\necho "lp: Unable to connect to server" >&2\nexit 1\n'
      : `#!/bin/sh\ncat > "${dir}/job"\necho "request id is Office-7 (1 file(s))"\n`,
  );
  await chmod(command, 0o755);
  return { command, spooled: () => readFile(join(dir, 'job')) };
}

function cupsPdfPrinter(): PrinterConfig {
  return { ...tcpPrinter(1), name: 'Office laser', language: 'pdf', dpi: 300, connection: { kind: 'cups', queue: 'Office' } };
}

describe('print service: every output', () => {
  it('prints a packing slip on a receipt printer as ESC/POS over TCP', async () => {
    const vp = await printer();
    const receipt = tcpPrinter(vp.port, { name: 'Epson TM-T88', language: 'escpos' });
    const s = await service(stationSettings([receipt], { 'packing-slip': receipt.id }));
    const job = await s.print({ template: 'packing-slip', data: packingSlipData(2) });
    expect(job).toMatchObject({
      state: 'printed',
      format: 'escpos',
      reference: 'DS-20250314-00042',
      title: 'Packing slip DS-20250314-00042',
    });
    const items = parseEscpos((await vp.waitForJobs(1))[0]!);
    expect(items.filter((i) => i.kind === 'code128').map((i) => (i as { data: string }).data)).toEqual(['DS-20250314-00042']);
    expect(escposText(items).some((l) => /^2\s+SKU-1001\s+Widget number 2$/.test(l))).toBe(true);
  });

  it('prints a returns receipt with the RMA barcode', async () => {
    const vp = await printer();
    const receipt = tcpPrinter(vp.port, { language: 'escpos' });
    const s = await service(stationSettings([receipt], { 'return-label': receipt.id }));
    const job = await s.print({ template: 'return-label', data: returnLabelData() });
    expect(job).toMatchObject({ state: 'printed', reference: 'RMA-2025-000917' });
    const items = parseEscpos((await vp.waitForJobs(1))[0]!);
    expect(items.filter((i) => i.kind === 'code128').map((i) => (i as { data: string }).data)).toEqual(['RMA-2025-000917']);
  });

  it('prints a packing slip as an A4 PDF through the CUPS queue (filtered, not raw)', async () => {
    const lp = await fakeLp();
    const office = cupsPdfPrinter();
    const s = await service(stationSettings([office], { 'packing-slip': office.id }), lp.command);
    const job = await s.print({ template: 'packing-slip', data: packingSlipData(5) });
    expect(job).toMatchObject({ state: 'printed', format: 'pdf' });
    const pdf = (await lp.spooled()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('/MediaBox [0 0 595.28 841.89]');

    // Its preview is the spooled PDF, rasterised: an A4 page at preview resolution, order barcode on it.
    const preview = await s.preview({ jobId: job.id });
    expect(preview).toMatchObject({ format: 'pdf', page: 1, pageCount: 1, width: 1241, height: 1754 });
    expect((await decodeBarcodes(Buffer.from(preview.png, 'base64'))).map((c) => c.text)).toContain('DS-20250314-00042');
  });

  it('a Letter slip when asked for one', async () => {
    const lp = await fakeLp();
    const office = cupsPdfPrinter();
    const s = await service(stationSettings([office], { 'packing-slip': office.id }), lp.command);
    await s.print({ template: 'packing-slip', data: packingSlipData(5), paper: 'letter' });
    expect((await lp.spooled()).toString('latin1')).toContain('/MediaBox [0 0 612 792]');
  });

  it('keeps a CUPS job waiting when lp fails', async () => {
    const lp = await fakeLp(true);
    const office = cupsPdfPrinter();
    const s = await service(stationSettings([office], { 'pick-list': office.id }), lp.command);
    const job = await s.print({
      template: 'pick-list',
      data: { pickListId: 'PL-1', lines: [{ location: 'A-1', sku: 'S', name: 'N', quantity: 1 }] },
    });
    expect(job.state).toBe('retrying');
    // The packer reads what happened in words; lp's own output is kept for support.
    expect(job.lastError).toMatch(/print queue "Office"/);
    expect(job.lastError).not.toMatch(/Unable to connect/);
    expect(job.lastErrorDetail).toMatch(/Unable to connect/);
  });

  it('prints an SSCC carton label with an allocated SSCC, or the one the carton already has', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port, { dpi: 300 });
    const s = await service(stationSettings([zebra], { 'sscc-label': zebra.id, 'shipping-label': zebra.id }));
    const shipping = await s.print({ template: 'shipping-label', data: shippingData() });
    const carton = await s.print({ template: 'sscc-label', data: ssccLabelData() });
    expect(carton.sscc).toBe(buildSscc(3, '0614141', 2));
    const same = await s.print({ template: 'sscc-label', data: ssccLabelData({ sscc: shipping.sscc! }) });
    expect(same.sscc).toBe(shipping.sscc);
    const zpl = (await vp.waitForJobs(3))[2]!.toString('utf8');
    expect(zpl).toContain(`>;>800${shipping.sscc}`);
  });

  it("prints a carrier's ZPL label byte for byte, and refuses a PDF one on a ZPL printer", async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(stationSettings([zebra], { 'shipping-label': zebra.id }));
    const carrierZpl = Buffer.from('^XA^FO50,50^BCN,100,Y,N,N^FD1Z999AA10123456784^FS^XZ\n', 'latin1');
    const job = await s.print({
      template: 'carrier-label',
      data: { format: 'zpl', contentBase64: carrierZpl.toString('base64'), orderNumber: 'DS-1', trackingNumber: '1Z999AA10123456784' },
    });
    expect(job).toMatchObject({ state: 'printed', template: 'carrier-label', title: 'Carrier label DS-1 1Z999AA10123456784', sscc: null });
    expect((await vp.waitForJobs(1))[0]!.equals(carrierZpl)).toBe(true);
    const again = await s.reprint(job.id);
    expect(again.state).toBe('printed');
    expect((await vp.waitForJobs(2))[1]!.equals(carrierZpl)).toBe(true);

    const pdfLabel = Buffer.from('%PDF-1.4\n%fake\n').toString('base64');
    const error = await s
      .print({ template: 'carrier-label', data: { format: 'pdf', contentBase64: pdfLabel, orderNumber: 'DS-1' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandlerError);
    expect((error as HandlerError).code).toBe('label_render_failed');
  });

  it('previews a printed job from its bytes, and a request without queueing or allocating', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const settings = stationSettings([zebra], { 'shipping-label': zebra.id });
    const s = await service(settings);
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    const preview = await s.preview({ jobId: job.id, page: 1 });
    expect(preview).toMatchObject({ width: 812, height: 1218, pageCount: 1, format: 'zpl', placeholderSscc: false });
    const codes = await decodeBarcodes(Buffer.from(preview.png, 'base64'));
    expect(codes.map((c) => c.text)).toContain(`00${job.sscc}`);

    const draft = await s.preview({ template: 'shipping-label', data: shippingData(), page: 1 });
    expect(draft.placeholderSscc).toBe(true);
    expect(await s.listJobs()).toHaveLength(1);
    expect((await s.print({ template: 'shipping-label', data: shippingData() })).sscc).toBe(buildSscc(3, '0614141', 2));

    // The bytes previewed are the bytes that were sent.
    const sent = (await vp.waitForJobs(1))[0]!.toString('utf8');
    expect(sent.startsWith(renderZpl({ title: '', size: { name: '4x6', width: 288, height: 432 }, pages: [] }, 203))).toBe(true);
  });

  it('previews a receipt document as a page image', async () => {
    const vp = await printer();
    const receipt = tcpPrinter(vp.port, { language: 'escpos' });
    const s = await service(stationSettings([receipt], { 'packing-slip': receipt.id }));
    const preview = await s.preview({ template: 'packing-slip', data: packingSlipData(2), page: 1 });
    expect(preview).toMatchObject({ format: 'escpos', width: 812, height: 1218 });
    const codes = await decodeBarcodes(Buffer.from(preview.png, 'base64'));
    expect(codes.map((c) => c.text)).toEqual(['DS-20250314-00042', 'https://returns.dockside.invalid/r/DS-20250314-00042']);
  });

  it('checks printer status through the service', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(stationSettings([zebra]));
    vp.setStatus({ paperOut: true });
    expect(await s.printerStatus(zebra.id)).toMatchObject({ printerId: zebra.id, reachable: true, ready: false, problems: ['paper out'] });
    const error = await s.printerStatus('00000000-0000-4000-8000-000000000009').catch((e: unknown) => e);
    expect((error as HandlerError).code).toBe('printer_not_found');
  });
});
