// Where the tests find a browser: CHROME_PATH, else Debian's headless shell, else Debian's
// full Chromium. Never `playwright install` (it downloads, and downloads fail on our machines).
//
// The headless shell (package chromium-headless-shell, Chromium's "old headless" build) is
// what Playwright itself runs headless. The full browser in headless mode opens a window
// per context with its own WebUI renderer for the toolbar: measured on 2 cores, a new
// context and page cost 3.3 s of CPU there and 0.5 s in the shell, and a lesson's load
// about half as much. The page tests open hundreds of contexts.
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Path of the Chromium to drive; throws a one-line install hint when there is none. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found: install it (Debian: sudo apt-get install -y chromium-headless-shell, or chromium) or set CHROME_PATH to a Chrome/Chromium binary.');
  }
  return found;
}

/**
 * Launch options for Playwright: headless Chromium with no background traffic.
 * Playwright gives every launch a fresh temporary profile (user-data dir) of its own.
 */
export function chromiumLaunchOptions() {
  return { executablePath: chromiumPath(), args: CHROMIUM_FLAGS };
}
