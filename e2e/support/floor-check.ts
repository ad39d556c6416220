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

/**
 * Words in column headers, table cells and buttons that are broken over two lines ("Unit s", "O K",
 * "ORD-20261125-" / "00002"): each word of their text, measured on its own, must sit on one line.
 */
export function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('th, td, button'))) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(`${el.tagName.toLowerCase()} "${word[0]}"`);
        }
      }
    }
    return broken;
  });
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
