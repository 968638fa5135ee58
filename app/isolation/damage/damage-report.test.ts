import { expect, it } from 'vitest';
import { tableCell } from './damage-report.js';

it('keeps a trial\'s detail in one table cell: pipes, line breaks and control characters from damaged keys are escaped', () => {
  const detail = 'missing-index-entry: tasks [3,"a\u0001b|c\nd\u007f"] (npm run verify -- "/tmp/x" checks it in full).';
  expect(tableCell(detail)).toBe('missing-index-entry: tasks [3,"a\\u0001b/c\\u000ad\\u007f"].');
});
