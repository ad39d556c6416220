import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES } from '../../e2e/support/chromium-args';

/** The features Playwright turns off when it starts Chromium, read from the installed Playwright. */
function playwrightsDisabledFeatures(): string[] {
  const core = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(core, 'lib/coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter/.exec(bundle);
  if (!list) throw new Error("playwright-core's list of disabled features was not found: read chromium-args.ts again");
  return [...list[1]!.matchAll(/^\s*"(\w+)"/gm)].map((m) => m[1]!);
}

describe("the tests' Chromium arguments", () => {
  it('keep every feature Playwright disables (Chromium honours only the last --disable-features)', () => {
    const theirs = playwrightsDisabledFeatures();
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !PLAYWRIGHT_DISABLED_FEATURES.includes(f))).toEqual([]);
  });

  it('turn off the address bar popup in one --disable-features', () => {
    const lists = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.split('=')[1]!.split(',')).toEqual(
      expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'PaintHolding']),
    );
  });
});
