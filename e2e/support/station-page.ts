import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';
import { REREAD_MS } from '../../src/shared/domain/scan-code';

export interface PrinterFormInput {
  name: string;
  language?: 'zpl' | 'escpos' | 'pdf';
  /** Raw TCP, unless a queue is given. */
  host?: string;
  port?: number | string;
  /** An OS (CUPS) print queue instead of raw TCP. */
  queue?: string;
  dpi?: 203 | 300;
}

const PRINTER_TYPES = {
  zpl: 'ZPL label printer (Zebra and compatibles)',
  escpos: 'ESC/POS receipt printer',
  pdf: 'PDF through an OS printer',
} as const;

/** Page model of the station: what a packer sees and does. */
export class StationPage {
  constructor(readonly page: Page) {
    // The station's own account of a refused scan (pack-controller.ts), printed with the test's
    // output: a refusal that should not happen is then explained by what the station knew.
    page.on('console', (message) => {
      if (!message.text().startsWith('offline refusal')) return;
      void Promise.all(message.args().map((a) => a.jsonValue().catch(() => '?'))).then((args) =>
        console.log(`[station console] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`),
      );
    });
  }

  async enroll(serverUrl: string, code: string) {
    await this.page.getByLabel('Server address').fill(serverUrl);
    await this.page.getByLabel('Enrollment code').fill(code);
    await this.page.getByRole('button', { name: 'Enroll station' }).click();
    await expect(this.page.getByTestId('station-ready').or(this.page.getByTestId('sign-in'))).toBeVisible();
  }

  /** Taps the person's name on the sign-in screen and enters the PIN. */
  async signInWithPin(name: string, pin: string) {
    await this.page.getByTestId('person').filter({ hasText: name }).click();
    await this.page.getByTestId('pin').fill(pin);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /**
   * Printers are a supervisor's to set up: the person signed in signs out, the supervisor signs in,
   * does `work`, and signs out, and the person signs in again.
   */
  async asSupervisor(supervisor: { name: string; pin: string }, person: { name: string; pin: string }, work: () => Promise<void>) {
    await this.page.getByTestId('sign-out').click();
    await this.signInWithPin(supervisor.name, supervisor.pin);
    await expect(this.page.getByTestId('signed-in')).toContainText(supervisor.name);
    await work();
    await this.page.getByTestId('sign-out').click();
    await this.signInWithPin(person.name, person.pin);
    await expect(this.page.getByTestId('signed-in')).toContainText(person.name);
  }

  /** Adds a ZPL label printer on raw TCP from the Printers screen, then goes back to packing. */
  async addTcpPrinter(name: string, host: string, port: number) {
    await this.openPrinters();
    await this.addPrinter({ name, language: 'zpl', host, port });
    await this.page.getByRole('button', { name: 'Pack' }).click();
  }

  async openPrinters() {
    await this.page.getByRole('button', { name: 'Printers', exact: true }).click();
    await expect(this.page.getByTestId('add-printer')).toBeVisible();
  }

  addPrinterForm() {
    return this.page.getByTestId('add-printer');
  }

  /** Fills the add-printer form (on the Printers screen) without submitting it. */
  async fillPrinterForm(printer: PrinterFormInput) {
    const form = this.addPrinterForm();
    await form.getByLabel('Printer type').selectOption(PRINTER_TYPES[printer.language ?? 'zpl']);
    await form.getByLabel('Connection').selectOption(printer.queue === undefined ? 'Network (raw TCP)' : 'OS print queue (CUPS)');
    await form.getByLabel('Name', { exact: true }).fill(printer.name);
    if (printer.queue === undefined) {
      await form.getByLabel('Host', { exact: true }).fill(printer.host ?? '');
      await form.getByLabel('Port', { exact: true }).fill(printer.port === undefined ? '9100' : String(printer.port));
    } else {
      await form.getByLabel('Queue name', { exact: true }).fill(printer.queue);
    }
    if (printer.dpi) await form.getByLabel('Resolution').selectOption(`${printer.dpi}`);
  }

  /** Adds a printer of any kind from the Printers screen and waits until it is listed. */
  async addPrinter(printer: PrinterFormInput) {
    await this.fillPrinterForm(printer);
    await this.addPrinterForm().getByRole('button', { name: 'Add printer' }).click();
    await expect(this.printerRow(printer.name)).toBeVisible();
    await this.acknowledgeIfAsked();
  }

  printerRow(name: string) {
    return this.page.locator(`[data-testid="printers"] tr[data-printer-name="${name}"]`);
  }

  /** The inline message under a field of the add-printer form. */
  printerFormError(field: 'name' | 'host' | 'port' | 'queue') {
    return this.addPrinterForm().getByTestId(`error-${field}`);
  }

  /** Presses a printer's "Check" and returns where its answer shows. */
  async checkPrinter(name: string) {
    const row = this.printerRow(name);
    await row.getByRole('button', { name: `Check ${name}` }).click();
    const status = row.getByTestId('printer-status');
    // The previous answer is cleared when a check starts; data-tone is set when the answer arrives.
    await expect(status).toHaveAttribute('data-tone', /\w/);
    return status;
  }

  async testPrint(name: string) {
    await this.printerRow(name)
      .getByRole('button', { name: `Test print on ${name}` })
      .click();
  }

  async removePrinter(name: string) {
    const row = this.printerRow(name);
    await row.getByRole('button', { name: `Remove ${name}` }).click();
    // It asks once more, saying what the printer prints.
    await expect(row.getByTestId('confirm-remove')).toBeVisible();
    await row
      .getByTestId('confirm-remove')
      .getByRole('button', { name: `Remove ${name}` })
      .click();
    await expect(this.printerRow(name)).toHaveCount(0);
  }

  /** The printer <select> of a document ("Packing slip") in "Which printer prints what". */
  routeSelect(documentName: string) {
    return this.page.getByTestId('routes').getByLabel(`Printer for ${documentName}`, { exact: true });
  }

  /** Routes a document to a printer by name, or to "Not printed" (null), and waits until it is saved. */
  async routeDocument(documentName: string, printerName: string | null) {
    const select = this.routeSelect(documentName);
    if (printerName === null) await select.selectOption({ index: 0 });
    else await select.selectOption({ label: printerName });
    // The select is controlled by the saved settings: it shows the choice once the station saved it.
    if (printerName === null) await expect(select).toHaveValue('');
    else await expect(this.routedTo(documentName)).toHaveText(printerName);
    await expect(select).toBeEnabled();
  }

  /** What the routing table shows for a document: a printer's name, or "Not printed". */
  routedTo(documentName: string) {
    return this.routeSelect(documentName).locator('option:checked');
  }

  /**
   * A keyboard-wedge scan as a USB scanner sends it, into whatever has focus (a scanner does not
   * move focus): each key 4 ms after the one before, then Enter. The keys carry the scanner's
   * timestamps, as the operating system stamps a real scanner's, so a busy test machine that
   * delivers them late does not make them look typed by hand.
   */
  async scan(code: string) {
    let at = Math.max(Date.now(), this.lastKeyAt + 50);
    // The next unit of the same item comes a person's moment later: sooner, it is the scanner
    // reading one label twice, which the station counts once (keyboard-wedge.ts, REREAD_MS).
    if (code === this.lastScanned) at = Math.max(at, this.lastKeyAt + REREAD_MS + 100);
    this.lastScanned = code;
    for (const key of [...code, 'Enter']) {
      await this.keyAt(key, at);
      at += 4;
    }
  }

  /** A jittery scanner reading one label twice: the code, then the same again 40 ms after its Enter. */
  async scanReadTwice(code: string) {
    await this.scan(code);
    let at = this.lastKeyAt + 40;
    for (const key of [...code, 'Enter']) {
      await this.keyAt(key, at);
      at += 4;
    }
  }

  private devtools: Promise<CDPSession> | undefined;
  private lastKeyAt = 0;
  private lastScanned: string | null = null;

  /** One key, down and up, stamped `at` (epoch ms) as the operating system stamps a device's keys. */
  private async keyAt(key: string, at: number) {
    this.devtools ??= this.page.context().newCDPSession(this.page);
    const cdp = await this.devtools;
    const text = key === 'Enter' ? '\r' : key;
    const named = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 } : {};
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text, unmodifiedText: text, timestamp: at / 1000, ...named });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: (at + 1) / 1000, ...named });
    this.lastKeyAt = at;
  }

  /**
   * Types into a field the way a person does: a key every quarter second, far slower than a
   * scanner. Each key carries the time it was typed, as scan()'s do: a busy test machine that
   * delivers two of them together must not make a person's typing look like a scanner's burst.
   */
  async typeByHand(field: Locator, text: string) {
    await field.focus();
    let at = Math.max(Date.now(), this.lastKeyAt + 250);
    for (const key of text) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      await this.keyAt(key, at);
      at += 250;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  }

  /** Types a code by hand into "Type a code" and presses Enter: it goes where a scan would. */
  async enterCodeByHand(code: string) {
    const field = this.page.getByTestId('manual-code');
    await this.typeByHand(field, code);
    await field.press('Enter');
    await expect(field).toHaveValue('');
  }

  queueRow(orderNumber: string) {
    return this.page.locator(`[data-testid="order-queue"] tr[data-order-number="${orderNumber}"]`);
  }

  message() {
    return this.page.getByTestId('message');
  }

  async acknowledgeIfAsked() {
    const ack = this.page.getByTestId('acknowledge');
    if (await ack.isVisible()) await ack.click();
  }

  verifiedOf(sku: string) {
    return this.page.locator(`[data-testid="lines"] tr[data-sku="${sku}"] [data-testid="verified"]`);
  }

  async lastSound() {
    return this.page.evaluate(() => document.documentElement.dataset.lastSound ?? null);
  }

  connection() {
    return this.page.getByTestId('connection');
  }

  /** "Take N orders" on the pack screen (online): the station holds them, to pack offline too. */
  async takeOrders(count: number) {
    await this.page.getByTestId('take-count').fill(String(count));
    await this.page.getByTestId('take-orders-button').click();
  }

  heldCount() {
    return this.page.getByTestId('held-count');
  }

  /** Who the order list says holds an order: "open", "held here" or "at <station>". */
  holderOf(orderNumber: string) {
    return this.queueRow(orderNumber).getByTestId('holder');
  }

  /** "Type a code": what a packer does when the scanner cannot read a label; it goes where a scan would. */
  async typeCode(code: string) {
    await this.page.getByTestId('manual-code').fill(code);
    await this.page.getByTestId('manual-code').press('Enter');
  }

  /** Opens an order, enters each code, and ships by entering the order number again. */
  async packAndShip(orderNumber: string, codes: readonly string[]) {
    await this.typeCode(orderNumber);
    await expect(this.message()).toContainText(`Opened ${orderNumber}`);
    for (const code of codes) await this.typeCode(code);
    await expect(this.message()).toContainText('All items scanned');
    await this.typeCode(orderNumber);
    await expect(this.message()).toContainText(`${orderNumber} shipped`);
  }

  pendingEvents() {
    return this.page.getByTestId('pending-events');
  }
}
