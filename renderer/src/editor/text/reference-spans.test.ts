import { describe, expect, it } from 'vitest';
import { parse } from '@humanwhocodes/momoa';
import { referenceAt, referenceSpans } from './reference-spans.js';
import { taskSchema } from '../fixtures.test-support.js';

const tree = {
  value: taskSchema,
  references: [
    { path: 'project', target: 'projects', onDelete: 'cascade', many: false },
    { path: 'labels[]', target: 'labels', onDelete: 'setNull', many: true },
  ],
} as const;

describe('referenceSpans', () => {
  const text = '{\n  project: 7,\n  assignee: "u-1",\n  labels: [[7, "bug"], [7, "ui"]],\n  title: "x",\n  parent: null\n}';
  const spans = referenceSpans(parse(text, { mode: 'json5' }), tree);

  it('finds single references, list elements and composite keys, with their target text', () => {
    expect(spans.map((s) => [s.target, s.line, s.column])).toEqual([
      ['projects/7', 2, 12],
      ['users/"u-1"', 3, 13],
      ['labels/[7,"bug"]', 4, 12],
      ['labels/[7,"ui"]', 4, 24],
    ]);
  });

  it('finds the reference under a position, and nothing elsewhere', () => {
    expect(referenceAt(spans, 4, 15)?.target).toBe('labels/[7,"bug"]');
    expect(referenceAt(spans, 5, 12)).toBeUndefined();
    expect(referenceAt(spans, 2, 13)).toBeUndefined();
  });
});

describe('referenceSpans of a reference over existing fields', () => {
  const cities = {
    value: { type: 'object', properties: { name: { type: 'string' }, countryCode: { type: 'string' }, stateCode: { type: 'string' } } },
    references: [{ path: 'state', target: 'states', onDelete: 'cascade', many: false, fields: ['countryCode', 'stateCode'] }],
  } as const;
  const spansOf = (text: string) => referenceSpans(parse(text, { mode: 'json5' }), cities);

  it('puts the link on the last field, leading to the key the fields make, and names the reference', () => {
    const spans = spansOf('{\n  name: "Paris",\n  countryCode: "FR",\n  stateCode: "IDF"\n}');
    expect(spans).toEqual([{ line: 4, column: 14, endLine: 4, endColumn: 19, path: ['stateCode'], tree: 'states', target: 'states/["FR","IDF"]', reference: 'state (countryCode, stateCode)' }]);
    expect(referenceAt(spans, 4, 16)?.target).toBe('states/["FR","IDF"]');
    expect(referenceAt(spans, 3, 18)).toBeUndefined();
  });

  it('links nowhere while a field is missing, null or not a key part', () => {
    expect(spansOf('{ name: "Paris", stateCode: "IDF" }')).toEqual([]);
    expect(spansOf('{ name: "Paris", countryCode: "FR", stateCode: null }')).toEqual([]);
    expect(spansOf('{ name: "Paris", countryCode: ["FR"], stateCode: "IDF" }')).toEqual([]);
    expect(spansOf('[1, 2]')).toEqual([]);
  });
});
