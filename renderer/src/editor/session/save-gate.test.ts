import { describe, expect, it } from 'vitest';
import { saveBlocked, shownProblems, type SaveFacts } from './save-gate.js';

const problem = { line: 1, column: 1, endLine: 1, endColumn: 2, message: 'title: must be a string' };
const facts: SaveFacts = { readOnlyWhy: undefined, busy: false, broken: false, conflict: false, mode: 'edit', baseText: '{a: 1}', problems: [], problemsText: '{a: 1}' };

describe('saveBlocked', () => {
  it('offers no save for an unchanged record (Ctrl+S writes nothing)', () => {
    expect(saveBlocked(facts, '{a: 1}')).toBe('No changes to save');
  });

  it('judges the text in the editor now, not the last text React saw', () => {
    expect(saveBlocked(facts, '{a: 1}Q0')).toBeUndefined();
  });

  it('blocks on problems only when they belong to that text', () => {
    const withProblems = { ...facts, problems: [problem], problemsText: '{a: "x"}' };
    expect(saveBlocked(withProblems, '{a: "x"}')).toBe('Fix the problems first');
    expect(saveBlocked(withProblems, '{a: 2}')).toBeUndefined();
  });

  it('lets a new record be saved unchanged, and puts read-only, busy, broken and conflict first', () => {
    expect(saveBlocked({ ...facts, mode: 'create' }, '{a: 1}')).toBeUndefined();
    expect(saveBlocked({ ...facts, readOnlyWhy: 'Read-only mode is on' }, 'x')).toBe('Read-only mode is on');
    expect(saveBlocked({ ...facts, busy: true }, 'x')).toBe('Working…');
    expect(saveBlocked({ ...facts, broken: true }, 'x')).toBe('The stored value does not decode');
    expect(saveBlocked({ ...facts, conflict: true }, 'x')).toBe('Resolve the conflict first');
  });
});

describe('shownProblems', () => {
  it('hides the problems of an untouched template', () => {
    expect(shownProblems([problem], true)).toEqual([]);
    expect(shownProblems([problem], false)).toEqual([problem]);
  });
});
