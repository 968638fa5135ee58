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

describe('reference targets of a cell carrying a reference over existing fields', () => {
  const link = { name: 'state', target: 'states', fields: ['countryCode', 'stateCode'], on: 'stateCode' };
  const stateCode = { ...of({ type: 'string' }), fieldLinks: [link] };

  it('lead to the key the row makes, after the cell’s own reference if it has one', () => {
    expect(referenceTargets(stateCode, 'IDF', { countryCode: 'FR', stateCode: 'IDF' })).toEqual(['states/["FR","IDF"]']);
    expect(referenceTargets(stateCode, 'IDF', { stateCode: 'IDF' })).toEqual([]);
    const ownRef = { ...of({ 'x-trellis': 'ref', 'x-ref': 'codes', type: 'string' }), fieldLinks: [link] };
    expect(referenceTargets(ownRef, 'IDF', { countryCode: 'FR', stateCode: 'IDF' })).toEqual(['codes/"IDF"', 'states/["FR","IDF"]']);
  });
});
