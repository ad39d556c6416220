import type { Page } from '@playwright/test';

/** The viewports a station must work at: desktop, small laptop or kiosk, handheld. */
export const STATION_VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 800, height: 600 },
] as const;

/** How far the page scrolls sideways: 0 when nothing is wider than the window. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Every visible button, input and select lower than `min` px (a gloved finger misses them). */
export function smallTouchTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minHeight) => {
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, input:not([type=checkbox]):not([type=radio]), select'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.height < minHeight)
        small.push(
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.dataset.testid || '').trim()}" ${box.height}px`,
        );
    }
    return small;
  }, min);
}

/** Identifiers (order numbers, SKUs, barcodes) that are broken over more than one line. */
export function wrappedIdentifiers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.ident'))
      .filter((el) => el.getClientRects().length > 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent ?? ''),
  );
}

/** Elements cut off at the right edge of the window (part of them outside it). */
export function cutOffAtRight(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, input, select, td, th, h2, .count, .progress'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > window.innerWidth + 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`),
  );
}

export async function fontSizePx(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize), undefined, { timeout: 5_000 });
}
