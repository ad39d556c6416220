import { expect, type Page } from '@playwright/test';

/** Page model of the station: what a packer sees and does. */
export class StationPage {
  constructor(readonly page: Page) {}

  async enroll(serverUrl: string, code: string) {
    await this.page.getByLabel('Server address').fill(serverUrl);
    await this.page.getByLabel('Enrollment code').fill(code);
    await this.page.getByRole('button', { name: 'Enroll station' }).click();
    await expect(this.page.getByTestId('station-ready')).toBeVisible();
  }

  async addTcpPrinter(name: string, host: string, port: number) {
    await this.page.getByRole('button', { name: 'Printers' }).click();
    const form = this.page.getByTestId('add-printer');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Host').fill(host);
    await form.getByLabel('Port').fill(String(port));
    await form.getByRole('button', { name: 'Add printer' }).click();
    await expect(this.page.getByTestId('printers')).toContainText(name);
    await this.acknowledgeIfAsked();
    await this.page.getByRole('button', { name: 'Pack' }).click();
  }

  /** A keyboard-wedge scan: fast keystrokes, then Enter, with focus outside any field. */
  async scan(code: string) {
    await this.page.locator('body').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.type(code, { delay: 4 });
    await this.page.keyboard.press('Enter');
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

  pendingEvents() {
    return this.page.getByTestId('pending-events');
  }
}
