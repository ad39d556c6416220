import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/**
 * Roles at the station: the print queue says who printed each label; a packer who presses
 * Reprint on someone else's label is refused with a message saying whose it is, and nothing
 * prints; a supervisor reprints it.
 */
test("a packer cannot reprint another packer's label, and the print queue says why; a supervisor can", async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  const people = {
    priya: { name: 'Priya Packer', role: 'packer', pin: '4825' },
    pat: { name: 'Pat Packer', role: 'packer', pin: '5931' },
    sam: { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
  } as const;
  const floor = await floorSetup(api, {
    warehouse: { code: 'ROLE-1', name: 'Roles DC' },
    stock: {},
    station: 'Roles pack',
    people: Object.values(people),
  });

  const desk = new StationPage(page);
  await page.goto(station.url);
  await desk.enroll(server.url, floor.enrollmentCode);
  const signInAs = async (p: { name: string; pin: string }) => {
    if (await page.getByTestId('sign-out').isVisible()) await page.getByTestId('sign-out').click();
    await desk.signInWithPin(p.name, p.pin);
    await expect(page.getByTestId('signed-in')).toContainText(p.name);
  };
  // A packer's Printers screen has the queue but no add-printer form.
  const openPrinters = async () => {
    await page.getByRole('button', { name: 'Printers', exact: true }).click();
    await expect(page.getByTestId('print-jobs')).toBeVisible();
  };

  await signInAs(people.sam);
  await desk.addTcpPrinter('Zebra dock', '127.0.0.1', printer.port);

  // Priya prints a test label: the queue says it is hers.
  await signInAs(people.priya);
  await openPrinters();
  await page.getByRole('button', { name: 'Test print on Zebra dock' }).click();
  await expect(desk.message()).toContainText('Test label sent to Zebra dock');
  const row = page.getByTestId('print-jobs').locator('tbody tr').first();
  await expect(row.getByTestId('job-printed-by')).toHaveText('Priya Packer');
  await expect.poll(() => printer.jobs.length).toBe(1);

  // Pat presses Reprint on it: refused, and told whose it is and who can.
  await signInAs(people.pat);
  await openPrinters();
  await row.getByRole('button', { name: 'Reprint' }).click();
  await expect(desk.message()).toContainText('Priya Packer printed');
  await expect(desk.message()).toContainText('Ask a supervisor to reprint it');
  // The refusal sounds the error buzz: resources/sounds/scan-error.wav, bundled with the renderer and decoded by this browser.
  await expect.poll(() => desk.lastSound()).toBe('error');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.soundError ?? null)).toBe('decoded');
  await desk.acknowledgeIfAsked();
  await expect(page.getByTestId('print-jobs').locator('tbody tr')).toHaveCount(1);
  expect(printer.jobs).toHaveLength(1);

  // Sam reprints it, double-clicking; one copy, and it is his.
  await signInAs(people.sam);
  await openPrinters();
  await row.getByRole('button', { name: 'Reprint' }).dblclick();
  await expect(page.getByTestId('print-jobs').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('print-jobs').locator('tbody tr').first().getByTestId('job-printed-by')).toHaveText('Sam Supervisor');
  await expect.poll(() => printer.jobs.length).toBe(2);
  // A second click's reprint would have been queued by now: none came (no second label with the same SSCC).
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('print-jobs').locator('tbody tr')).toHaveCount(2);
  expect(printer.jobs).toHaveLength(2);
});
