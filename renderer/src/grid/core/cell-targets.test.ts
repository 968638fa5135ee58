import { describe, expect, it } from 'vitest';
import { valueTypeFor } from '../../values/registry.js';
import { referenceTargets } from './cell-targets.js';

const of = (schema: Record<string, unknown>) => ({ schema, type: valueTypeFor(schema) });

describe('reference targets of a cell', () => {
  it('a reference leads to its target, a list to each item, anything else nowhere', () => {
    expect(referenceTargets(of({ 'x-trellis': 'ref', 'x-ref': 'people', type: 'integer' }), 3)).toEqual(['people/3']);
    expect(referenceTargets(of({ type: 'array', items: { 'x-trellis': 'ref', 'x-ref': 'tags', type: 'string' } }), ['a', 'b'])).toEqual(['tags/"a"', 'tags/"b"']);
    expect(referenceTargets(of({ 'x-trellis': 'ref', 'x-ref': 'people', anyOf: [{ type: 'integer' }, { type: 'null' }] }), null)).toEqual([]);
    expect(referenceTargets(of({ type: 'integer' }), 3)).toEqual([]);
  });
});
