import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES, PLAYWRIGHT_ENABLED_FEATURES } from '../../e2e/support/chromium-args';
import { STATION_RENDERER_JS_FLAGS } from '../../src/main/electron/renderer-js-flags';

/** The features Playwright turns off (or on) when it starts Chromium, read from the installed Playwright. */
function playwrightsFeatures(list: 'disabledFeatures = ' | 'enabledFeatures = () => '): string[] {
  const bundle = playwrightCore();
  const start = bundle.indexOf(`${list}[`);
  const end = bundle.indexOf('].filter', start);
  if (start < 0 || end < 0) throw new Error(`playwright-core's ${list.split(' ')[0]} were not found: read chromium-args.ts again`);
  // Entries are quoted names, some behind a condition (`process.env.X ? "" : "Name"`).
  return [...bundle.slice(start, end).matchAll(/"(\w+)"/g)].map((m) => m[1]!);
}

function playwrightCore(): string {
  const core = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  return readFileSync(join(core, 'lib/coreBundle.js'), 'utf8');
}

const features = (flag: string) => {
  const lists = CHROMIUM_ARGS.filter((a) => a.startsWith(`--${flag}-features=`));
  expect(lists).toHaveLength(1);
  return lists[0]!.split('=')[1]!.split(',');
};

describe("the tests' Chromium arguments", () => {
  it('keep every feature Playwright disables (Chromium honours only the last --disable-features)', () => {
    const theirs = playwrightsFeatures('disabledFeatures = ');
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !PLAYWRIGHT_DISABLED_FEATURES.includes(f))).toEqual([]);
  });

  it('keep every feature Playwright enables (only the last --enable-features counts too)', () => {
    const theirs = playwrightsFeatures('enabledFeatures = () => ');
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((f) => !PLAYWRIGHT_ENABLED_FEATURES.includes(f))).toEqual([]);
  });

  it('turn off the address bar popup in one --disable-features', () => {
    expect(features('disable')).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'PaintHolding']));
  });

  it("run IndexedDB on SQLite, as a new profile on Chromium 149+ does, in one --enable-features with Playwright's", () => {
    expect(features('enable')).toEqual(['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies', 'IdbSqliteBackingStore']);
  });

  it("run the renderer's V8 with the desktop app's flags, in the one --js-flags (Chromium honours only the last)", () => {
    expect(CHROMIUM_ARGS.filter((a) => a.startsWith('--js-flags='))).toEqual([`--js-flags=${STATION_RENDERER_JS_FLAGS}`]);
    expect(playwrightCore()).not.toContain('--js-flags');
  });
});
