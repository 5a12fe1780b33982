// Where the tests find a browser: CHROME_PATH, else Debian's /usr/bin/chromium.
// Never `playwright install` (it downloads, and downloads fail on our machines).
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Path of the Chromium to drive; throws a one-line install hint when there is none. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.');
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
