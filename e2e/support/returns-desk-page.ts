import { expect } from '@playwright/test';
import { StationPage } from './station-page';

/** Page model of the returns desk: what a returns clerk sees and does at a station. */
export class ReturnsDeskPage extends StationPage {
  navButton() {
    return this.page.getByRole('button', { name: 'Returns', exact: true });
  }

  async openReturns() {
    await this.navButton().click();
    await expect(this.page.getByTestId('return-queue')).toBeVisible();
  }

  returnRow(rmaNumber: string) {
    return this.page.locator(`[data-testid="return-queue"] tr[data-rma="${rmaNumber}"]`);
  }

  /** The status the list shows for an RMA. */
  rowStatus(rmaNumber: string) {
    return this.returnRow(rmaNumber).getByTestId('return-row-status');
  }

  openReturn() {
    return this.page.getByTestId('open-return');
  }

  /** "received / authorized" of a line of the open return. */
  receivedOf(sku: string) {
    return this.page.locator(`[data-testid="return-lines"] tr[data-sku="${sku}"] [data-testid="received"]`);
  }

  gradedOf(sku: string) {
    return this.page.locator(`[data-testid="return-lines"] tr[data-sku="${sku}"] [data-testid="graded"]`);
  }

  /** Grades the unit the screen offers (it must be of `sku`): condition, then disposition (tapped once, or double-tapped). */
  async gradeNext(sku: string, condition: string, disposition: string, tap: 'click' | 'dblclick' = 'click') {
    const panel = this.page.getByTestId('grade-unit');
    await expect(panel).toHaveAttribute('data-sku', sku);
    await panel.getByTestId(`condition-${condition}`).click();
    await panel.getByTestId(`disposition-${disposition}`)[tap]();
  }

  /** "Change grade" on a line of the open return: its last graded unit, given a new condition, then a disposition. */
  async changeGrade(sku: string, condition: string, disposition: string) {
    await this.page.locator(`[data-testid="return-lines"] tr[data-sku="${sku}"] [data-testid="change-grade"]`).click();
    const panel = this.page.getByTestId('change-grade-panel');
    await expect(panel).toHaveAttribute('data-sku', sku);
    await panel.getByTestId(`regrade-condition-${condition}`).click();
    await panel.getByTestId(`regrade-disposition-${disposition}`).click();
    await expect(panel).toHaveCount(0);
  }

  async complete(tap: 'click' | 'dblclick' = 'click') {
    await this.page.getByTestId('complete-return')[tap]();
  }

  /** "Nothing more in the box", then its confirm button, which names the units missing. */
  async closeReceiving(missing: string) {
    await this.page.getByTestId('close-receiving').click();
    await expect(this.page.getByTestId('confirm-close-receiving')).toHaveText(`Yes, ${missing} missing`);
    await this.page.getByTestId('confirm-close-receiving').click();
  }
}
