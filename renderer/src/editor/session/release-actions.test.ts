import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../../../../app/contract/index.js';
import { parseLifecycle, releasedReason, versionOf } from './release-actions.js';

const entry = (release: RecordEntry['release']): RecordEntry => ({ key: [12, 3], text: 'parts/[12,3]', revision: 5, value: {}, ...(release ? { release } : {}) });

describe('release wording', () => {
  it('says why a released record cannot change, with the revision that released it, and nothing for a draft', () => {
    expect(releasedReason(entry({ released: true, releasedAt: 7, lifecycle: 0, revision: 7 }))).toBe(
      'Released at revision 7: a released record never changes. Make a new version to edit it.',
    );
    expect(releasedReason(entry({ released: false, lifecycle: 2 }))).toBeUndefined();
    expect(releasedReason(entry(undefined))).toBeUndefined();
    expect(releasedReason(null)).toBeUndefined();
  });

  it('reads the version from the key’s last part', () => {
    expect(versionOf(entry(undefined))).toBe(3);
    expect(versionOf({ key: 'A-7' })).toBeUndefined();
  });

  it('takes a whole lifecycle number from 0, nothing else', () => {
    expect(parseLifecycle(' 3 ')).toEqual({ lifecycle: 3 });
    expect(parseLifecycle('0')).toEqual({ lifecycle: 0 });
    for (const bad of ['', '-1', '1.5', '1e3', 'two', '99999999999999999999']) expect(parseLifecycle(bad), bad).toHaveProperty('error');
  });
});
