import { describe, expect, it } from 'vitest';
import type { RecordEntry, TreeSummary } from '../../../../app/contract/index.js';
import { clashText, fieldsHoldingKey, keyClash, keyFromFunction } from './key-agreement.js';

const andorra: RecordEntry = { key: 'AD', text: 'countries/"AD"', revision: 6, value: { iso: 'AD', name: 'Andorra', phoneCode: '376' } };
const tree = (key: TreeSummary['key']) => ({ key }) as TreeSummary;

describe('key agreement for trees keyed by an application function', () => {
  it('applies to custom keys without a stored derivation only', () => {
    expect(keyFromFunction(tree({ kind: 'custom', schema: { type: 'string' } }))).toBe(true);
    expect(keyFromFunction(tree({ kind: 'custom', schema: { type: 'string' }, field: 'iso' }))).toBe(false);
    expect(keyFromFunction(tree({ kind: 'auto' }))).toBe(false);
  });

  it('finds the fields that hold the key in a stored record', () => {
    expect(fieldsHoldingKey(andorra)).toEqual(['iso']);
    expect(fieldsHoldingKey({ ...andorra, value: undefined })).toEqual([]);
  });

  it('names the clash of the defect: "XQ" with iso "XT"', () => {
    const clash = keyClash(andorra, 'XQ', { iso: 'XT', name: 'Testland' });
    expect(clash).toEqual({ field: 'iso', found: 'XT', seenIn: 'countries/"AD"' });
    expect(clashText(clash!, 'XQ')).toBe('the key "XQ" differs from iso "XT", and in countries/"AD" the key is its iso');
    expect(keyClash(andorra, 'XT', { iso: 'XT', name: 'Testland' })).toBeUndefined();
    expect(keyClash(null, 'XQ', { iso: 'XT' })).toBeUndefined();
  });
});
