/**
 * Electronegativity OPEN_EXTERNAL_JS_CHECK: only plain https links (a tracking page, the docs) go
 * to the system browser; no other scheme, no credentials in the URL, no local hosts.
 */
export function isSafeExternalLink(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return !/^(localhost|127\.|10\.|192\.168\.|\[)/.test(url.hostname);
}
