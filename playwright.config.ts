// End-to-end tests on the built site (dist/), served as a static host would, in Chromium.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/support/browser.ts';
import { DIST_DIR } from './tests/support/dist-dir.ts';

const port = Number(process.env['E2E_PORT'] ?? 4329);
const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: process.env['CI'] ? 1 : 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node tests/support/static-server.ts --port ${port} --root ${DIST_DIR}`,
    url: `http://127.0.0.1:${port}/ko/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
