import { describe, expect, it } from 'vitest';
import { screenNameFromBrowser } from './screen-names';

const ID = '7f3a9c21-0000-4000-8000-000000000000';

describe('a screen paired without a name', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 11; TC52 Build/11-49-09.00-RG-U00-STD-HEL-04; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36',
      'Chrome on Android (7f3a9c21)',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      'Safari on iPhone (7f3a9c21)',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      'Edge on Windows (7f3a9c21)',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux (7f3a9c21)'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      'Safari on macOS (7f3a9c21)',
    ],
  ])('is named by its browser and system, and the start of its id: %s', (userAgent, name) => {
    expect(screenNameFromBrowser(userAgent, ID)).toBe(name);
  });

  it('is named by its id alone when its User-Agent says nothing we know', () => {
    expect(screenNameFromBrowser('curl/8.5.0', ID)).toBe('Device 7f3a9c21');
    expect(screenNameFromBrowser(undefined, ID)).toBe('Device 7f3a9c21');
  });
});
