import { describe, expect, it } from 'vitest';
import { countText } from './count-text.js';

describe('countText', () => {
  it('counts a whole tree', () => {
    expect(countText({ filtered: false, growing: false, rowCount: 1 })).toBe('1 record');
    expect(countText({ filtered: false, growing: false, rowCount: 12345 })).toBe('12,345 records');
  });

  it('counts a query exactly once it is done, and says "so far" while the host reads', () => {
    expect(countText({ filtered: true, growing: false, rowCount: 42 })).toBe('42 matching');
    expect(countText({ filtered: true, growing: false, rowCount: 0 })).toBe('0 matching');
    expect(countText({ filtered: true, growing: true, rowCount: 1100 })).toBe('1,100 matching so far…');
    expect(countText({ filtered: false, growing: true, rowCount: 5000 })).toBe('5,000 records so far…');
    expect(countText({ filtered: true, growing: true, rowCount: 0, error: 'boom' })).toBe('matching rows unknown');
  });
});
