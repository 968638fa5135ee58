/** A versioned record's release actions, as a user takes them in the record panel. */
import { expect } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

/** Set lifecycle…, type the number, Set; waits for the bar to show it. */
export async function setLifecycle(ui: TrellisApp, lifecycle: number): Promise<void> {
  await ui.release.setLifecycle.click();
  await ui.release.lifecycleInput.fill(String(lifecycle));
  await ui.release.lifecycleApply.click();
  await expect(ui.release.lifecycle).toHaveAttribute('data-lifecycle', String(lifecycle));
}

/** New version; waits for the panel to show the new draft (`newText`, its OpaqueKey text). */
export async function makeNewVersion(ui: TrellisApp, newText: string): Promise<void> {
  await ui.release.newVersion.click();
  await expect(ui.record.showing(newText)).toBeVisible();
  await expect(ui.release.badge).toHaveAttribute('data-state', 'draft');
}
