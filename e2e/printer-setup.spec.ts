import { escposText, parseEscpos } from '../src/main/printing/testing/escpos-parser';
import { expect, test } from './support/fixtures';
import { freePort } from './support/processes';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/**
 * A supervisor sets up a packing station's printers from the Printers screen, against real
 * processes: a central server, a station host, and two virtual raw-TCP printers (a Zebra and a
 * receipt printer). Printers of different kinds are added, documents routed to them (and the
 * routes survive a reload), printers are checked, a test label reaches the Zebra as ZPL.
 */
/** A port nothing listens on: a printer that is off. */

test('a supervisor adds printers of different kinds, routes documents to them, checks them and prints a test label', async ({
  page,
  launch,
  server,
  station,
  api,
}) => {
  const zebra = await launch.printer();
  const receipt = await launch.printer();
  const closedPort = await freePort();
  const floor = await floorSetup(api, { warehouse: { code: 'MAN-1', name: 'Manchester DC' }, stock: {}, station: 'Pack 2' });

  const supervisor = new StationPage(page);
  await page.goto(station.url);
  await supervisor.enroll(server.url, floor.enrollmentCode);
  await supervisor.openPrinters();

  // The form says what is wrong, beside the field, and adds nothing.
  await supervisor.fillPrinterForm({ name: 'Zebra dock 1', host: '', port: 70000 });
  await supervisor.addPrinterForm().getByRole('button', { name: 'Add printer' }).click();
  await expect(supervisor.printerFormError('host')).toHaveText("Enter the printer's IP address or host name.");
  await expect(supervisor.printerFormError('port')).toContainText('1 to 65535');
  await supervisor.fillPrinterForm({ name: 'Office laser', language: 'pdf', queue: '' });
  await supervisor.addPrinterForm().getByRole('button', { name: 'Add printer' }).click();
  await expect(supervisor.printerFormError('queue')).toContainText('queue name');
  await expect(supervisor.addPrinterForm().getByLabel('Resolution')).toHaveCount(0); // resolution is asked for ZPL only
  await expect(page.getByTestId('printers')).toContainText('No printers yet');

  // A Zebra on raw TCP at 300 dpi: the first printer prints shipping and test labels.
  await supervisor.addPrinter({ name: 'Zebra dock 1', language: 'zpl', host: '127.0.0.1', port: zebra.port, dpi: 300 });
  await expect(supervisor.printerRow('Zebra dock 1')).toContainText(`ZPL label printer, 300 dpi`);
  await expect(supervisor.printerRow('Zebra dock 1')).toContainText(`127.0.0.1:${zebra.port}`);
  await expect(supervisor.routedTo('Shipping label')).toHaveText('Zebra dock 1');
  await expect(supervisor.routedTo('Test label')).toHaveText('Zebra dock 1');
  await expect(supervisor.routedTo('Packing slip')).toHaveText('Not printed');
  await expect(supervisor.routedTo('Carrier label')).toHaveText('Same as shipping label');

  // A receipt printer, and a Zebra that is switched off. Names must differ.
  await supervisor.fillPrinterForm({ name: 'zebra dock 1', host: '127.0.0.1' });
  await supervisor.addPrinterForm().getByRole('button', { name: 'Add printer' }).click();
  await expect(supervisor.printerFormError('name')).toContainText('already a printer named');
  await supervisor.addPrinter({ name: 'Receipt bench', language: 'escpos', host: '127.0.0.1', port: receipt.port });
  await expect(supervisor.printerRow('Receipt bench')).toContainText('ESC/POS receipt printer');
  await supervisor.addPrinter({ name: 'Zebra off', language: 'zpl', host: '127.0.0.1', port: closedPort });
  // Adding more printers does not move the first one's routes.
  await expect(supervisor.routedTo('Shipping label')).toHaveText('Zebra dock 1');

  // Packing slips go to the receipt printer, pick lists to the Zebra that is off.
  await supervisor.routeDocument('Packing slip', 'Receipt bench');
  await supervisor.routeDocument('Pick list', 'Zebra off');
  await expect(supervisor.printerRow('Receipt bench').getByTestId('printer-documents')).toHaveText('Packing slip');
  await expect(supervisor.printerRow('Zebra dock 1').getByTestId('printer-documents')).toHaveText('Shipping label, Test label');
  // Routing carrier labels to a receipt printer is allowed but flagged: carriers send ZPL or PDF.
  await supervisor.routeDocument('Carrier label', 'Receipt bench');
  await expect(page.locator('[data-testid="routes"] tr[data-template="carrier-label"]')).toContainText('cannot print them');
  await supervisor.routeDocument('Carrier label', null);

  // The routes are the station's settings: they survive a reload.
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await supervisor.openPrinters();
  await expect(supervisor.routedTo('Packing slip')).toHaveText('Receipt bench');
  await expect(supervisor.routedTo('Pick list')).toHaveText('Zebra off');
  await expect(supervisor.routedTo('Shipping label')).toHaveText('Zebra dock 1');
  await expect(supervisor.routedTo('Return label')).toHaveText('Not printed');

  // Status checks: the Zebra answers ~HS, the receipt printer only accepts a connection, the switched-off one refuses.
  await expect(await supervisor.checkPrinter('Zebra dock 1')).toContainText('Online, ready');
  zebra.setStatus({ paperOut: true, headOpen: true });
  const paperOut = await supervisor.checkPrinter('Zebra dock 1');
  await expect(paperOut).toContainText('Paper out, head open');
  await expect(paperOut).toHaveAttribute('data-tone', 'problem');
  zebra.setStatus({ paperOut: false, headOpen: false });
  await expect(await supervisor.checkPrinter('Receipt bench')).toContainText('Online');
  const off = await supervisor.checkPrinter('Zebra off');
  await expect(off).toContainText('Unreachable');
  // What to do in words; the socket code only in the tooltip, for support.
  await expect(off).toContainText(`The printer at 127.0.0.1:${closedPort} is not answering: check it is switched on and its cable is in`);
  await expect(off).not.toContainText('ECONNREFUSED');
  await expect(off.locator('.printer-status__detail')).toHaveAttribute('title', /ECONNREFUSED/);
  await expect(off).toHaveAttribute('data-tone', 'unreachable');
  // Status questions are not print jobs.
  expect(zebra.jobs).toHaveLength(0);
  expect(receipt.jobs).toHaveLength(0);

  // A test label from the screen reaches the Zebra as ZPL; one on the receipt printer as ESC/POS.
  await supervisor.testPrint('Zebra dock 1');
  await expect(supervisor.message()).toContainText('Test label sent to Zebra dock 1');
  const [label] = await zebra.waitForJobs(1);
  const zpl = label!.toString('utf8');
  expect(zpl).toMatch(/^\s*\^XA/);
  expect(zpl.trim().endsWith('^XZ')).toBe(true);
  expect(zpl).toContain('Dockside printer test');
  await expect(page.locator('[data-testid="print-jobs"] tr[data-state="printed"]')).toHaveCount(1);

  await supervisor.testPrint('Receipt bench');
  await expect(supervisor.message()).toContainText('Test label sent to Receipt bench');
  const [slip] = await receipt.waitForJobs(1);
  expect(slip!.subarray(0, 2).toString('latin1')).not.toBe('^X');
  const items = parseEscpos(slip!);
  expect(escposText(items).some((line) => line.includes('Dockside printer test'))).toBe(true);
  expect(items.at(-1)).toEqual({ kind: 'cut' });

  // A test print on the switched-off printer waits in the queue, which says why.
  await supervisor.testPrint('Zebra off');
  await expect(supervisor.message()).toContainText('Test label waiting for Zebra off');
  await supervisor.acknowledgeIfAsked();
  const waiting = page.locator('[data-testid="print-jobs"] tr[data-state="retrying"]');
  await expect(waiting).toHaveCount(1);
  await expect(waiting.getByTestId('job-state')).toContainText(
    `The printer at 127.0.0.1:${closedPort} is not answering: check it is switched on and its cable is in`,
  );
  await expect(waiting.getByTestId('job-state')).not.toContainText('ECONNREFUSED');
  await expect(waiting.locator('.job-state__reason')).toHaveAttribute('title', /ECONNREFUSED/);

  // Removing a printer clears what it printed, and says so.
  await supervisor.removePrinter('Zebra off');
  await expect(supervisor.message()).toContainText('No printer now for: Pick list');
  await expect(supervisor.message()).toContainText('1 job was waiting for it');
  await expect(supervisor.routedTo('Pick list')).toHaveText('Not printed');
  // Void asks once more, then says it was done.
  await waiting.getByRole('button', { name: 'Void' }).click();
  await expect(waiting.getByTestId('confirm-void')).toContainText('It will not print.');
  await waiting.getByRole('button', { name: 'Void it' }).click();
  await expect(page.locator('[data-testid="print-jobs"] tr[data-state="voided"]')).toHaveCount(1);
  await expect(supervisor.message()).toContainText('Voided: Printer test label');
});
