import { describe, expect, it } from 'vitest';
import { fieldLinksOf, fieldLinkTarget, referenceName } from './field-links.js';

const ref = (path: string, target: string, fields?: string[]) => ({ path, target, onDelete: 'restrict' as const, many: path.endsWith('[]'), ...(fields ? { fields } : {}) });

describe('links of references over existing fields', () => {
  it('sit on the last field that is not a reference itself; on the last field when every one is', () => {
    expect(fieldLinksOf({ references: [ref('state', 'states', ['countryCode', 'stateCode'])] })).toEqual([
      { name: 'state', target: 'states', fields: ['countryCode', 'stateCode'], on: 'stateCode' },
    ]);
    // `stateCode` links to codes already: the field reference's link goes to the field before it.
    const withRef = { references: [ref('stateCode', 'codes'), ref('state', 'states', ['countryCode', 'stateCode'])] };
    expect(fieldLinksOf(withRef).map((link) => link.on)).toEqual(['countryCode']);
    const allRefs = { references: [ref('a', 'as'), ref('b[]', 'bs'), ref('pair', 'pairs', ['a', 'b'])] };
    expect(fieldLinksOf(allRefs).map((link) => link.on)).toEqual(['b']);
    // Path references have no field link.
    expect(fieldLinksOf({ references: [ref('owner', 'people')] })).toEqual([]);
  });

  it('lead to the key the record’s fields make, while every field holds a key part', () => {
    const link = { target: 'states', fields: ['countryCode', 'stateCode'] };
    expect(fieldLinkTarget(link, { name: 'Paris', countryCode: 'FR', stateCode: 'IDF' })).toBe('states/["FR","IDF"]');
    expect(fieldLinkTarget({ target: 'grid', fields: ['x', 'y'] }, { x: 3, y: -0 })).toBe('grid/[3,0]');
    for (const value of [{ countryCode: 'FR' }, { countryCode: 'FR', stateCode: null }, { countryCode: 'FR', stateCode: { a: 1 } }, { countryCode: 'FR', stateCode: ['I'] }, null, 'FR']) {
      expect(fieldLinkTarget(link, value)).toBeUndefined();
    }
    expect(fieldLinkTarget({ target: 'grid', fields: ['x', 'y'] }, { x: Infinity, y: 1 })).toBeUndefined();
  });

  it('are named with their fields', () => {
    expect(referenceName(ref('state', 'states', ['countryCode', 'stateCode']))).toBe('state (countryCode, stateCode)');
    expect(referenceName(ref('watchers[]', 'people'))).toBe('watchers[]');
  });
});
