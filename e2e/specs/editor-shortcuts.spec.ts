/**
 * The window's shortcuts reach it from inside the record editor: Mod+K opens
 * the command palette there too (Monaco took the key as the start of its own
 * chords, and nothing happened).
 */
import { expect, test } from '../fixtures/test.js';
import { PEOPLE, keyText } from '../fixtures/seed-data.js';
import { openRecord } from '../flows/navigation.js';

test('Mod+K in the record editor opens the command palette, and the editor text is unchanged', async ({ ui }) => {
  await openRecord(ui, keyText('people', PEOPLE[0]!.key));
  await ui.record.editorLines.click();
  await ui.page.keyboard.press('ControlOrMeta+k');
  const palette = ui.page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox')).toBeFocused();
  await ui.page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(ui.record.status).toHaveAttribute('data-state', 'clean');
});
