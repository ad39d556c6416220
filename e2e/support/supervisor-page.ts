import { expect, type Page } from '@playwright/test';

/** Page model of the station's Supervisor screen. */
export class SupervisorPage {
  constructor(readonly page: Page) {}

  navButton() {
    return this.page.getByRole('navigation').getByRole('button', { name: 'Supervisor' });
  }

  async open() {
    await this.navButton().click();
    await expect(this.page.getByTestId('supervisor')).toBeVisible();
  }

  async refresh() {
    await this.page.getByTestId('supervisor').getByRole('button', { name: 'Refresh', exact: true }).click();
  }

  backorder(orderNumber: string) {
    return this.page.locator(`[data-testid="backorder"][data-order="${orderNumber}"]`);
  }

  noBackorders() {
    return this.page.getByTestId('no-backorders');
  }

  /** Chooses the target warehouse in the backorder's row and presses Reassign (or double-clicks it, as a hurried hand does). */
  async reassign(orderNumber: string, warehouseLabel: RegExp | string, press: 'click' | 'dblclick' = 'click') {
    const row = this.backorder(orderNumber);
    const select = row.getByTestId('reassign-target');
    const option = select.locator('option').filter({ hasText: warehouseLabel });
    await select.selectOption((await option.getAttribute('value')) ?? '');
    await row.getByRole('button', { name: 'Reassign' })[press]();
  }

  /** Cancels the backorder after the confirmation step, giving the reason. */
  async cancel(orderNumber: string, reason: string, press: 'click' | 'dblclick' = 'click') {
    const row = this.backorder(orderNumber);
    await row.getByRole('button', { name: 'Cancel…' }).click();
    // The reason field takes the typing at once: no click into it first.
    await expect(row.getByLabel('Why cancel')).toBeFocused();
    await row.getByLabel('Why cancel').fill(reason);
    await row.getByRole('button', { name: 'Cancel backorder' })[press]();
  }

  /** A fulfillment order on hold or held by a station, in "On hold and in progress". */
  work(orderNumber: string) {
    return this.page.locator(`[data-testid="work"][data-order="${orderNumber}"]`);
  }

  /** Moves the order to a station of this warehouse (taking it from the one that holds it). */
  async moveToStation(orderNumber: string, stationLabel: RegExp | string) {
    const row = this.work(orderNumber);
    const select = row.getByLabel(`Station for ${orderNumber}`);
    const option = select.locator('option').filter({ hasText: stationLabel });
    await select.selectOption((await option.getAttribute('value')) ?? '');
    await row.getByRole('button', { name: 'Move' }).click();
  }

  /** Takes the order back to the pool from the station holding it. */
  async takeBack(orderNumber: string) {
    await this.work(orderNumber).getByRole('button', { name: 'Take back to pool' }).click();
  }

  /** Presses "Cancel order…" on the order's row: the question it asks, and the reason field focused to type in. */
  async askToCancelOrder(orderNumber: string) {
    const row = this.work(orderNumber);
    await row.getByRole('button', { name: 'Cancel order…' }).click();
    await expect(row.getByLabel('Why cancel')).toBeFocused();
    return row.getByTestId('cancel-question');
  }

  task(title: string | RegExp) {
    return this.page.getByTestId('task').filter({ hasText: title });
  }

  async resolve(title: string, note: string) {
    const row = this.task(title);
    await row.getByRole('textbox').fill(note);
    await row.getByRole('button', { name: 'Resolve' }).click();
  }
}
