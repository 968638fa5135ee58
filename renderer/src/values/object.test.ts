import { describe, expect, it } from 'vitest';
import { SUMMARY_CHARS, summariseObject } from './object.js';

describe('object summary', () => {
  it('names each field with its value, nested ones by size', () => {
    expect(summariseObject({ city: 'London', country: 'GB' })).toBe('{ city: London, country: GB }');
    expect(summariseObject({ estimateHours: 3, tags: ['ui', 'bug'], more: { a: 1, b: 2 }, many: [1, 2, 3, 4] })).toBe('{ estimateHours: 3, tags: [ui, bug], more: {2 fields}, many: [4 items] }');
    expect(summariseObject({})).toBe('{}');
  });

  it('is cut to a fixed length', () => {
    const long = summariseObject({ text: 'x'.repeat(200) });
    expect(long).toHaveLength(SUMMARY_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
