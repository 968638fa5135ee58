import { describe, expect, it } from 'vitest';
import { foldForSearch, labelFieldsOf, labelOf, MAX_LABEL_CHARS } from './labels.js';

const string = { type: 'string' };
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('labelFieldsOf', () => {
  it('takes the declared fields first, whatever the heuristic would pick', () => {
    expect(labelFieldsOf({ value: object({ name: string, code: string }), label: ['code'] })).toEqual(['code']);
  });

  it('prefers a field named like a label, in the documented order and without regard to case', () => {
    expect(labelFieldsOf({ value: object({ email: string, Title: string, name: string }) })).toEqual(['name']);
    expect(labelFieldsOf({ value: object({ email: string, Title: string }) })).toEqual(['Title']);
  });

  it('skips a field named like a label that cannot label (a reference, a list)', () => {
    const ref = { 'x-trellis': 'ref', 'x-ref': 'people', type: 'integer' };
    expect(labelFieldsOf({ value: object({ name: ref, label: { type: 'array', items: string }, code: string }) })).toEqual(['code']);
  });

  it('falls back to the first plain string field, never a timestamp, enum or reference', () => {
    const timestamp = { 'x-trellis': 'timestamp', type: 'string' };
    expect(labelFieldsOf({ value: object({ n: { type: 'integer' }, at: timestamp, role: { type: 'string', enum: ['a'] }, city: string }) })).toEqual(['city']);
  });

  it('answers no field for a tree without text (its key labels it)', () => {
    expect(labelFieldsOf({ value: object({ n: { type: 'integer' }, at: { 'x-trellis': 'timestamp', type: 'string' } }) })).toEqual([]);
  });
});

describe('labelOf', () => {
  it('reads nested paths and joins several fields', () => {
    expect(labelOf({ team: 'core', info: { code: 7 } }, ['team', 'info.code'])).toBe('core · 7');
  });

  it('leaves out absent, empty and non-text parts; nothing at all is no label', () => {
    expect(labelOf({ name: '  ', code: null }, ['name', 'code'])).toBeUndefined();
    expect(labelOf({ name: 'Ada', code: { x: 1 } }, ['name', 'code'])).toBe('Ada');
    expect(labelOf(null, ['name'])).toBeUndefined();
  });

  it('cuts a long label with an ellipsis, and folds line breaks', () => {
    const label = labelOf({ name: `a\nb ${'x'.repeat(200)}` }, ['name'])!;
    expect(label).toHaveLength(MAX_LABEL_CHARS);
    expect(label.startsWith('a b x')).toBe(true);
    expect(label.endsWith('…')).toBe(true);
  });

  it('does not read inherited properties', () => {
    expect(labelOf({}, ['constructor'])).toBeUndefined();
  });
});

describe('foldForSearch', () => {
  it('drops case and accents', () => {
    expect(foldForSearch('Île-de-France')).toBe('ile-de-france');
  });
});
