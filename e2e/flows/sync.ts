/** What a user does with a replica's sync: wait for it, look at what waits to be sent, check records out and in. */
import { expect } from '@playwright/test';
import type { TrellisApp } from '../pages/trellis-app.js';

/** Waits until the status line says the replica is connected and has nothing left to send or take. */
export async function waitUntilSynced(ui: TrellisApp): Promise<void> {
  await expect(ui.sync.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expect(ui.sync.statusText).toHaveText('Connected', { timeout: 20_000 });
}

export async function openOutbox(ui: TrellisApp): Promise<void> {
  await ui.sync.outboxOpen.click();
  await expect(ui.sync.outbox).toBeVisible();
}

export async function closeOutbox(ui: TrellisApp): Promise<void> {
  await ui.sync.outboxClose.click();
  await expect(ui.sync.outbox).toHaveCount(0);
}

export async function checkOutRecord(ui: TrellisApp): Promise<void> {
  await ui.sync.checkOut.click();
  await expect(ui.sync.holder).toHaveText(/^Checked out by you \(.+\) until \d\d:\d\d$/);
}

export async function checkInRecord(ui: TrellisApp): Promise<void> {
  await ui.sync.checkIn.click();
  await expect(ui.sync.holder).toHaveText(/^Not checked out/);
}
