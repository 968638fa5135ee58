/** Screenshots of the main views, saved to e2e/screenshots/ (the README names the folder). */
import { join } from 'node:path';
import { test } from '@playwright/test';
import { SCREENSHOTS_DIR } from '../fixtures/paths.js';
import type { TrellisApp } from '../pages/trellis-app.js';

/** Saves `<name>.png` (web project) or `electron/<name>.png`, and attaches it to the report. */
export async function saveScreenshot(ui: TrellisApp, name: string): Promise<void> {
  const info = test.info();
  const folder = info.project.name === 'web' ? SCREENSHOTS_DIR : join(SCREENSHOTS_DIR, info.project.name);
  const path = join(folder, `${name}.png`);
  await ui.page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}
