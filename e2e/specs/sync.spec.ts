/**
 * Two people on one Trellis server, each in a browser on their own replica
 * (fixtures/sync-test.ts): an edit saved in one reaches the other without a
 * reload; a check-out in one shows its holder in the other, which cannot edit
 * until it is given back; with the server down the status line says so, edits
 * wait here and go out when it is back; an edit the server no longer fits
 * comes back as a conflict, shown in the conflict view with both versions.
 */
import { expect, test } from '../fixtures/sync-test.js';
import { personTextWithName, taskTextWithTitle } from '../fixtures/record-texts.js';
import { PEOPLE, keyText, taskSeed } from '../fixtures/seed-data.js';
import { replaceRecordText, saveRecord } from '../flows/editing.js';
import { openRecord, openTree } from '../flows/navigation.js';
import { saveScreenshot } from '../flows/screenshots.js';
import { checkInRecord, checkOutRecord, openOutbox, waitUntilSynced } from '../flows/sync.js';
import type { TrellisApp } from '../pages/trellis-app.js';

/** What crosses from one replica to the other goes through the server: a poke, a pull, a commit, a change event. */
const ARRIVES = { timeout: 15_000 };
/** A replica finds its server again within its longest wait between tries (5 s), then sends. */
const BACK = { timeout: 25_000 };

const person = (key: number) => PEOPLE[key - 1]!;

async function bothSynced(...people: TrellisApp[]): Promise<void> {
  await Promise.all(people.map((ui) => waitUntilSynced(ui)));
}

test('an edit saved in one page appears in the other without a reload', async ({ ann, bob }) => {
  await bothSynced(ann, bob);
  const margaret = person(4);
  await openTree(bob, 'people');
  await openRecord(ann, keyText('people', margaret.key));
  await replaceRecordText(ann, personTextWithName(margaret, 'Margaret, edited by ann'));
  await saveRecord(ann);
  await expect(bob.table.row(keyText('people', margaret.key))).toContainText('Margaret, edited by ann', ARRIVES);
  await expect(ann.sync.statusText).toHaveText('Connected');
  await expect(ann.sync.outboxOpen).toHaveText('Nothing waiting to send');
  await saveScreenshot(ann, 'sync-status');
});

test('a check-out in one page shows its holder in the other, which cannot edit until it is checked in', async ({ ann, bob }) => {
  await bothSynced(ann, bob);
  const task = taskSeed(5);
  const text = keyText('tasks', task.key);
  await openRecord(bob, text);
  await expect(bob.sync.holder).toHaveText(`Not checked out: check ${text} out to edit it`);
  await openRecord(ann, text);
  await checkOutRecord(ann);
  await expect(ann.sync.rowMark(text)).toHaveAttribute('data-mark', 'checked-out-mine');

  await expect(bob.sync.holder).toHaveText(/^Checked out by ann until \d\d:\d\d$/, ARRIVES);
  await expect(bob.sync.checkOutBar).toHaveAttribute('data-holder', 'other');
  await expect(bob.sync.rowMark(text)).toHaveAttribute('data-mark', 'checked-out-other');
  await expect(bob.sync.rowMark(text)).toHaveAttribute('title', /^Checked out by ann until/);
  // Bob's editor refuses typing, saying why; Save and Delete are off with the same reason.
  await bob.record.editorLines.click();
  await bob.page.keyboard.type('x');
  await expect(bob.record.editor.locator('p', { hasText: /is checked out by ann until \d\d:\d\d: read-only until they check it in/ })).toBeVisible();
  await expect(bob.record.save).toBeDisabled();
  await expect(bob.record.delete).toBeDisabled();
  await expect(bob.record.delete).toHaveAttribute('title', /checked out by ann/);
  await expect(bob.sync.checkOut).toHaveCount(0);
  await saveScreenshot(bob, 'sync-check-out');

  // Ann edits under her check-out; bob sees it. Bob is not offered to break it: only an administrator may.
  await replaceRecordText(ann, taskTextWithTitle(task, 'Task 5, by ann'));
  await saveRecord(ann);
  await expect(bob.record.editor).toContainText('Task 5, by ann', ARRIVES);
  await expect(bob.sync.breakCheckOut).toHaveCount(0);

  await checkInRecord(ann);
  await expect(bob.sync.holder).toHaveText(/^Not checked out/, ARRIVES);
  await expect(bob.sync.rowMark(text)).toHaveCount(0);
  await checkOutRecord(bob);
  await replaceRecordText(bob, taskTextWithTitle(task, 'Task 5, by bob'));
  await saveRecord(bob);
  await expect(ann.record.editor).toContainText('Task 5, by bob', ARRIVES);
  await expect(ann.sync.holder).toHaveText(/^Checked out by bob until/);
});

test('an administrator breaks a check-out after confirming; the holder’s bar says it is no longer theirs', async ({ ann, root }) => {
  await bothSynced(ann, root);
  await expect(root.sync.server).toHaveText(/^root @ ws:\/\/127\.0\.0\.1:\d+$/);
  const task = taskSeed(6);
  const text = keyText('tasks', task.key);
  await openRecord(ann, text);
  await checkOutRecord(ann);
  await expect(ann.sync.breakCheckOut).toHaveCount(0); // one's own check-out is checked in, not broken
  await openRecord(root, text);
  await expect(root.sync.holder).toHaveText(/^Checked out by ann until/, ARRIVES);
  await root.sync.breakCheckOut.click();
  await expect(root.sync.breakConfirmation).toContainText('Break ann’s check-out? Changes they have not sent yet will be refused.');
  await saveScreenshot(root, 'sync-break-check-out');
  await root.sync.breakConfirm.click();
  await expect(root.sync.holder).toHaveText(`Not checked out: check ${text} out to edit it`);
  await expect(ann.sync.holder).toHaveText(`Not checked out: check ${text} out to edit it`, ARRIVES);
  await expect(ann.record.save).toBeDisabled();
  await expect(ann.sync.rowMark(text)).toHaveCount(0);
});

test('with the server down the status line says so, an edit waits here, and goes out when the server is back', async ({ team, ann, bob }) => {
  await bothSynced(ann, bob);
  const barbara = person(5);
  const text = keyText('people', barbara.key);
  await openTree(bob, 'people');
  await openRecord(ann, text);

  await team.stop();
  await expect(ann.sync.status).toHaveAttribute('data-state', 'offline');
  await expect(ann.sync.statusText).toHaveText('Offline — edits are kept and sent when the server is back');
  await replaceRecordText(ann, personTextWithName(barbara, 'Barbara, edited offline'));
  await saveRecord(ann);
  await expect(ann.sync.statusText).toHaveText('Offline — 1 change waiting to send');
  await expect(ann.sync.outboxOpen).toHaveText('1 change waiting to send');
  await saveScreenshot(ann, 'sync-status-offline');
  await openOutbox(ann);
  await expect(ann.sync.outboxRows).toHaveCount(1);
  await expect(ann.sync.outboxRow(text)).toHaveAttribute('data-kind', 'update');
  await expect(ann.sync.outboxRow(text)).toContainText('people');
  await saveScreenshot(ann, 'sync-outbox');
  await expect(bob.table.row(text)).not.toContainText('Barbara, edited offline');

  await team.restart();
  // The open outbox view empties as the change goes out.
  await expect(ann.sync.outbox.getByTestId('outbox-empty')).toBeVisible(BACK);
  await expect(ann.sync.status).toHaveAttribute('data-waiting', '0');
  await expect(ann.sync.statusText).toHaveText('Connected');
  await expect(bob.table.row(text)).toContainText('Barbara, edited offline', ARRIVES);
});

test('an edit the server no longer fits comes back as a conflict, both versions side by side; keep mine sends it again', async ({ team, ann, bob }) => {
  await bothSynced(ann, bob);
  const dennis = person(6);
  const text = keyText('people', dennis.key);
  await openTree(bob, 'people');
  await openRecord(ann, text);
  await team.stop();
  await expect(ann.sync.status).toHaveAttribute('data-state', 'offline');
  await replaceRecordText(ann, personTextWithName(dennis, 'Dennis, by ann'));
  await saveRecord(ann);
  await team.writeWhileStopped((db) => db.tree('people').update(dennis.key, (value) => ({ ...(value as object), name: 'Dennis, on the server' })));
  await team.restart();

  await expect(ann.sync.conflictsOpen).toHaveText('1 conflict', BACK);
  // The replica shows the server's version meanwhile.
  await expect(ann.table.row(text)).toContainText('Dennis, on the server');
  await ann.sync.conflictsOpen.click();
  const conflict = ann.sync.conflictViews.first();
  await expect(conflict).toContainText(`Changed on the server while you edited ${text}`);
  await expect(conflict).toContainText('Dennis, on the server');
  await expect(conflict).toContainText('Dennis, by ann');
  await saveScreenshot(ann, 'sync-conflict');
  await expect(bob.table.row(text)).toContainText('Dennis, on the server', ARRIVES);

  await conflict.getByTestId('conflict-keep-mine').click();
  await expect(ann.sync.conflictsEmpty).toBeVisible();
  await expect(ann.sync.conflictsOpen).toHaveCount(0);
  await expect(bob.table.row(text)).toContainText('Dennis, by ann', ARRIVES);
  await ann.page.getByTestId('sync-conflicts-close').click();
  await expect(ann.table.row(text)).toContainText('Dennis, by ann');
});
