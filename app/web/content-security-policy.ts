/**
 * The Content-Security-Policy for the renderer, the same under the web host
 * and Electron's app:// scheme but for where it may connect. Monaco needs
 * inline styles (it sets them from script) and runs its workers from our own
 * files (blob: is kept for builds that inline them); its codicon font comes
 * from a file or a data: URL. No script runs from anywhere but our own files,
 * and nothing is evaluated.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
