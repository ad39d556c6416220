import { describe, expect, it } from 'vitest';
import { isSafeExternalLink } from './external-links';

describe('links the shell hands to the system browser', () => {
  it('opens a plain https page', () => {
    expect(isSafeExternalLink('https://www.ups.com/track?tracknum=1Z999AA10123456784')).toBe(true);
  });
  it.each([
    ['another scheme', 'file:///etc/passwd'],
    ['plain http', 'http://example.com/'],
    ['a custom protocol', 'ms-msdt:/id PCWDiagnostic'],
    ['credentials in the URL', 'https://user:pass@example.com/'],
    ['a local host', 'https://localhost:4000/'],
    ['a private address', 'https://192.168.1.20/'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(isSafeExternalLink(url)).toBe(false);
  });
});
