import { describe, expect, it } from 'vitest';
import { lookupQuery } from './sources.js';

describe('lookupQuery', () => {
  it('reads filter text as JSON5, bare words as strings', () => {
    expect(lookupQuery({ index: 'i', mode: 'equals', value: '42', end: '' })).toEqual({ equals: 42 });
    expect(lookupQuery({ index: 'i', mode: 'equals', value: "[3, 'todo']", end: '' })).toEqual({ equals: [3, 'todo'] });
    expect(lookupQuery({ index: 'i', mode: 'prefix', value: 'Ber', end: '' })).toEqual({ prefix: 'Ber' });
    expect(lookupQuery({ index: 'i', mode: 'range', value: '1', end: '' })).toEqual({ start: 1 });
    expect(lookupQuery({ index: 'i', mode: 'range', value: '', end: '"2024-12-31"' })).toEqual({ end: '2024-12-31' });
  });
});
