import { describe, expect, it } from 'vitest';
import { VALUE_TYPES } from '../../values/registry.js';
import { CELLS } from './cell-for.js';

describe('cell for a value type', () => {
  it('every registered value type has its own cell', () => {
    expect(VALUE_TYPES.filter((type) => !CELLS.has(type)).map((type) => type.id)).toEqual([]);
  });
});
