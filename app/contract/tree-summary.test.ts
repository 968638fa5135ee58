/**
 * The contract's tree summary is the stored catalog's tree entry, not a copy of
 * it: the same schemas, the same static type, and so the same closed sets.
 */
import { StoredTree } from '@trellis/engine/common/catalog';
import { Compile } from 'typebox/compile';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TreeSummary } from './methods.js';

describe('TreeSummary', () => {
  it('holds every field of a stored tree as the catalog schema itself', () => {
    for (const [field, schema] of Object.entries(StoredTree.properties)) {
      expect(TreeSummary.properties[field as keyof typeof StoredTree.properties], field).toBe(schema);
    }
    expectTypeOf<Pick<TreeSummary, keyof StoredTree>>().toEqualTypeOf<StoredTree>();
  });

  it('refuses what the catalog refuses, e.g. an onDelete outside its set', () => {
    const summary: TreeSummary = {
      name: 'tasks',
      count: 1,
      key: { kind: 'auto' },
      keySchema: { type: 'integer' },
      value: { type: 'object' },
      indexes: [{ name: 'byOwner', on: ['owner'], unique: false }],
      references: [{ path: 'owner', target: 'users', onDelete: 'cascade', many: false }],
      referencedFrom: [],
    };
    const check = Compile(TreeSummary);
    expect(check.Check(summary)).toBe(true);
    expect(check.Check({ ...summary, references: [{ ...summary.references[0], onDelete: 'explode' }] })).toBe(false);
    expect(check.Check({ ...summary, key: { kind: 'composite', fields: 'owner' } })).toBe(false);
  });
});
