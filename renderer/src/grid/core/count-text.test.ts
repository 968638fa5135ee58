import { describe, expect, it } from 'vitest';
import { countText } from './count-text.js';

describe('countText', () => {
  it('counts a whole tree', () => {
    expect(countText({ filtered: false, rowCount: 1, exact: true, blockSize: 100 })).toBe('1 record');
    expect(countText({ filtered: false, rowCount: 12345, exact: true, blockSize: 100 })).toBe('12,345 records');
  });

  it('counts a filter as it pages, never below zero', () => {
    expect(countText({ filtered: true, rowCount: 42, exact: true, blockSize: 100 })).toBe('42 matching');
    expect(countText({ filtered: true, rowCount: 0, exact: true, blockSize: 100 })).toBe('0 matching');
    expect(countText({ filtered: true, rowCount: 200, exact: false, blockSize: 100 })).toBe('100+ matching');
    expect(countText({ filtered: true, rowCount: 1100, exact: false, blockSize: 100 })).toBe('1,000+ matching');
    expect(countText({ filtered: true, rowCount: 0, exact: false, blockSize: 100 })).toBe('counting matches…');
    expect(countText({ filtered: true, rowCount: 0, exact: false, blockSize: 100, error: 'boom' })).toBe('matching rows unknown');
  });
});
