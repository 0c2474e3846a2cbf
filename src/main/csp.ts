/**
 * The app's origin and its Content-Security-Policy. The protocol handler sends the CSP as a header on
 * every response; the renderer's index.html carries CONTENT_SECURITY_POLICY_META in a meta tag (a test
 * compares them) so the browser build and the dev server get the same policy.
 */

export const APP_SCHEME = 'loupe';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** sha256 of the report HTML's stylesheet: lets the in-app report preview show its styles. */
export const REPORT_STYLE_HASH = "'sha256-5sxNlwmgzJLKDB0vsTZKHP+SjJF5olSnSeY9urCQcDA='";

/** The policy as a meta tag can carry it (frame-ancestors is ignored in meta, Chromium warns about it). */
export const CONTENT_SECURITY_POLICY_META = [
  "default-src 'none'",
  "script-src 'self'",
  // The report preview (a sandboxed srcdoc iframe) inherits this policy: its one <style>, core/report/html.ts's
  // CSS, is allowed by hash (test/main/pdf.test.ts recomputes it). No 'unsafe-inline'.
  `style-src 'self' ${REPORT_STYLE_HASH}`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The full policy, sent as a response header on everything loupe://app serves. */
export const CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY_META}; frame-ancestors 'none'`;

/**
 * True when `url` belongs to the app: loupe://app/..., or the electron-vite dev server when one is given.
 * Node's URL reports origin "null" for custom schemes, so the scheme and host are compared instead.
 */
export function isAppUrl(url: string, devServerUrl: string | null = null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl === null) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
