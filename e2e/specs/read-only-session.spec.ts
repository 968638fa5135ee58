/**
 * A session started with --read-only stays read-only for every database it
 * opens: File › Open, Open Recent, and a hostile call over the page's own
 * WebSocket asking for a writable open. No file changes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.js';
import { KEN, keyText } from '../fixtures/seed-data.js';
import { seedDatabase } from '../fixtures/seed.js';
import { openRecord } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import type { TrellisApp } from '../pages/trellis-app.js';

test.use({ readOnlySession: true });

test.beforeEach(({ hostKind }) => {
  // Electron's File › Open is the system's folder picker, which a test cannot drive; its host is the same
  // isolated host, covered through the contract by app/host/handlers/read-only-session.test.ts.
  test.skip(hostKind !== 'web', 'File › Open in Electron is the native folder picker; the renderer\'s open dialog and the socket are the web host\'s');
});

const fileHash = async (path: string) => createHash('sha256').update(await readFile(join(path, 'data.mdb'))).digest('hex');

async function expectReadOnly(ui: TrellisApp, databaseName: string): Promise<void> {
  await expect(ui.page.getByTestId('database-name')).toHaveText(databaseName);
  await expect(ui.toolbar.readOnly).toHaveText(/Read-only/);
  await expect(ui.toolbar.readOnly).toBeDisabled();
  await expect(ui.toolbar.readOnly).toHaveAttribute('title', /started read-only \(--read-only\)/);
  await openRecord(ui, keyText('people', KEN.key));
  // New's tooltip says why, never "turn off read-only" (the toggle is disabled).
  await expect(ui.page.getByTestId('new-record')).toBeDisabled();
  await expect(ui.page.getByTestId('new-record')).toHaveAttribute('title', /started read-only \(--read-only\)/);
  // Typing is refused by the editor itself, saying why; Ctrl/Cmd+S has nothing to save.
  await ui.record.editorLines.click();
  await ui.page.keyboard.type('x');
  await expect(ui.record.editor.locator('p', { hasText: /This session was started read-only \(--read-only\)/ })).toBeVisible();
  await ui.page.keyboard.press('ControlOrMeta+S');
  await expect(ui.record.status).toHaveAttribute('data-state', 'clean');
  await expect(ui.record.delete).toBeDisabled();
  await expect(ui.record.save).toBeDisabled();
  await expect(ui.record.save).toHaveAttribute('title', /started read-only/);
}

/** File › Open… from the menu bar, a path typed in, or a recent one clicked. */
async function openFromMenu(page: Page, choose: { type: string } | { recent: string }): Promise<void> {
  await page.getByTestId('menu-bar').getByRole('menuitem', { name: 'File' }).click();
  await page.locator('[data-testid="menu-item"][data-command="file.open"]').click();
  const dialog = page.getByTestId('open-dialog');
  if ('type' in choose) {
    await dialog.getByTestId('open-path').fill(choose.type);
    await dialog.getByTestId('open-submit').click();
  } else {
    await dialog.getByRole('button', { name: choose.recent, exact: true }).click();
  }
  await expect(dialog).toHaveCount(0);
}

/** What a hostile script in the page could send: the contract over the page's own socket. */
function callOverSocket(page: Page, calls: readonly { method: string; args: unknown }[]): Promise<{ ok: boolean; error?: { code: string } }[]> {
  return page.evaluate(
    (list) =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        const answers: { ok: boolean; error?: { code: string } }[] = [];
        socket.onerror = () => reject(new Error('socket failed'));
        socket.onopen = () => list.forEach((call, n) => socket.send(JSON.stringify({ id: 1000 + n, ...call })));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { id?: number; ok: boolean; error?: { code: string } };
          if (message.id === undefined || message.id < 1000) return;
          answers[message.id - 1000] = message;
          if (answers.filter(Boolean).length === list.length) {
            socket.close();
            resolve(answers);
          }
        };
      }),
    calls,
  );
}

test('File › Open, Open Recent and a writable open asked over the socket all stay read-only; no file changes', async ({ ui, app, database, workDir }) => {
  const second = join(workDir, 'second');
  await seedDatabase(second, { withReadings: false });
  const before = { first: await fileHash(database.path), second: await fileHash(second) };

  await expectReadOnly(ui, 'db');

  await openFromMenu(app, { type: second });
  await expectReadOnly(ui, 'second');
  await saveScreenshot(ui, 'read-only-session');

  await openFromMenu(app, { recent: database.path });
  await expectReadOnly(ui, 'db');

  const answers = await callOverSocket(app, [
    { method: 'database.open', args: { path: database.path, readOnly: false } },
    { method: 'session.setReadOnly', args: { readOnly: false } },
    { method: 'records.delete', args: { tree: 'people', key: KEN.key } },
  ]);
  expect(answers.map((answer) => answer.ok || answer.error?.code)).toEqual([true, 'READ_ONLY', 'READ_ONLY']);

  expect({ first: await fileHash(database.path), second: await fileHash(second) }).toEqual(before);
});
