/**
 * The renderer's CSP: only its own origin; no inline script, no remote anything.
 * Electronegativity (CSP_GLOBAL_CHECK, low) flags `img-src data:`: the label preview is a PNG the
 * station renders itself and hands over as a data URL (features/printers/LabelPreview.tsx). An
 * image cannot run script, and script-src stays 'self', so it stays. Sounds are files of the built
 * renderer (from resources/sounds), so media needs nothing but 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
