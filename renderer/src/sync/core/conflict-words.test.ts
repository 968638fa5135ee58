import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../../../app/contract/sync.js';
import { conflictWords, recordSides } from './conflict-words.js';

const record = { tree: 'people', key: 4, text: 'people/4', mine: { value: { name: 'Mine', age: 3 } }, theirs: { key: 4, text: 'people/4', revision: 17, value: { name: 'Theirs', age: 3 } } };
const stale: SyncConflict = { id: 9, status: 'conflict', code: 'CONFLICT', message: 'people/4 is at revision 17', records: [record], more: 0 };

describe('a sync conflict in words', () => {
  it('says what happened to which record, and which side is which', () => {
    expect(conflictWords(stale)).toEqual({
      title: 'Changed on the server while you edited people/4',
      explain: 'The server had a newer version when your change arrived, so it was not applied (people/4 is at revision 17). Left: the server’s version, shown here now. Right: yours.',
      keepMine: 'Keep mine (send it again)',
      takeTheirs: 'Take theirs (discard mine)',
    });
    const refused = conflictWords({ ...stale, status: 'refused', code: 'CHECKED_OUT', message: 'people 4 is checked out by bob', records: [record, { ...record, text: 'people/5' }], more: 3 });
    expect(refused.title).toBe('The server refused your change to 5 records (CHECKED_OUT)');
    expect(refused.explain).toMatch(/^It was not applied: people 4 is checked out by bob\. .* 3 more records of the same change are not shown\.$/);
  });

  it('writes both sides in our JSON5, and says when one side has no record', () => {
    expect(recordSides(record)).toEqual({ theirs: '{\n  name: "Theirs",\n  age: 3\n}', mine: '{\n  name: "Mine",\n  age: 3\n}', theirsHeader: 'Server — revision 17', mineHeader: 'Yours — not applied' });
    const gone = recordSides({ ...record, mine: null, theirs: null });
    expect(gone).toEqual({ theirs: '// the server has no such record', mine: '// you deleted it', theirsHeader: 'Server — no people/4', mineHeader: 'Yours — deleted' });
  });
});
