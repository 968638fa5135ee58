/**
 * The e2e suite: the real renderer against a real host and a real database.
 *
 * Two projects run the same specs: `web` drives Chromium against the web host
 * (`app/dist/cli/serve.js`), `electron` drives the Electron app. Electron's
 * binary cannot be downloaded on the machines that build this project, so there
 * every electron test skips and says why (see fixtures/electron-binary.ts).
 */
import { defineConfig } from '@playwright/test';
import type { TrellisOptions } from './fixtures/test.js';

const CHROMIUM = process.env.TRELLIS_E2E_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig<TrellisOptions>({
  testDir: './specs',
  outputDir: './test-results',
  globalSetup: './fixtures/global-setup.ts',
  // One worker: each test runs a host process, a browser and LMDB writers on a
  // 2-core machine that other builds share; two workers made timings (and so
  // live-refresh waits) depend on the neighbour. The suite fits in the budget at one.
  workers: 1,
  fullyParallel: false,
  // Flaky tests get fixed, not retried.
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'web',
      use: {
        hostKind: 'web',
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    { name: 'electron', use: { hostKind: 'electron' } },
  ],
});
