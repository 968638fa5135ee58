/**
 * Opening the user's browser, where there is one. A headless machine (CI, a
 * server over SSH) has none: then we only print the URL, and never fail.
 */
import open from 'open';

export interface BrowserEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Why the browser will not be opened, or undefined when it will. */
export function browserSkipReason(wanted: boolean, from: BrowserEnvironment = process): string | undefined {
  if (!wanted) return '--no-open';
  if (from.env['TRELLIS_NO_OPEN'] === '1') return 'TRELLIS_NO_OPEN=1';
  const hasDisplay = from.env['DISPLAY'] || from.env['WAYLAND_DISPLAY'];
  if (from.platform !== 'darwin' && from.platform !== 'win32' && !hasDisplay) return 'no display';
  return undefined;
}

/** Opens `url`; a failure is reported through `log`, never thrown. */
export async function openInBrowser(url: string, log: (line: string) => void): Promise<void> {
  try {
    const child = await open(url);
    child.on('error', (error) => log(`Could not open a browser (${error.message}); open the URL above yourself.`));
  } catch (error) {
    log(`Could not open a browser (${(error as Error).message}); open the URL above yourself.`);
  }
}
