// Which Chromium the e2e tests and Lighthouse drive: $CHROMIUM_PATH (or $CHROME_PATH), else
// Debian's /usr/bin/chromium, else a browser Playwright installed itself.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The executable to launch, or undefined for Playwright's own browser. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'] ?? process.env['CHROME_PATH'];
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

/** One line naming what to install when no browser can be found; undefined when one can. */
export function missingBrowser(): string | undefined {
  const path = chromiumPath();
  if (path) {
    return existsSync(path)
      ? undefined
      : `uwsgi-lab: the browser ${path} does not exist (CHROMIUM_PATH)`;
  }
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined;
  return 'uwsgi-lab: no Chromium for the browser tests: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)';
}
