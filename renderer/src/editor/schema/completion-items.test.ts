import { describe, expect, it } from 'vitest';
import { completionContext } from '../text/completion-context.js';
import { referenceSearchText, referenceSuggestions, suggestionsFor, summarise } from './completion-items.js';
import { taskSchema } from '../fixtures.test-support.js';

function suggest(textWithCursor: string, referenceTree?: string) {
  const offset = textWithCursor.indexOf('|');
  const context = completionContext(textWithCursor.replace('|', ''), offset);
  return { context, ...suggestionsFor(context, taskSchema, referenceTree) };
}

describe('suggestionsFor', () => {
  it('offers the missing fields, required first', () => {
    const { items } = suggest('{ title: "x", |');
    const labels = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
    expect(labels.slice(0, 5)).toEqual(['created', 'labels', 'priority', 'project', 'status']);
    expect(labels).not.toContain('title');
    expect(items.find((i) => i.label === 'due')?.insertText).toBe('due: ');
  });

  it('offers nested fields', () => {
    expect(suggest('{ settings: { notifications: { |').items.map((i) => i.label)).toEqual(['email']);
  });

  it('offers enum members, booleans, null and consts as JSON5', () => {
    expect(suggest('{ status: |').items.map((i) => i.insertText)).toEqual(['"todo"', '"doing"', '"review"', '"done"']);
    expect(suggest('{ settings: { notifications: { email: |').items.map((i) => i.label)).toEqual(['true', 'false']);
    expect(suggest('{ note: |').items.map((i) => i.label)).toEqual(['null']);
    expect(suggest('{ kind: |').items.map((i) => i.label)).toEqual(['"task"']);
  });

  it('inside quotes offers strings only', () => {
    expect(suggest('{ note: "|"').items).toEqual([]);
    expect(suggest('{ status: "do|"').items.map((i) => i.label)).toContain('"doing"');
  });

  it('offers null for a nullable reference', () => {
    expect(suggest('{ assignee: |', 'users').items.map((i) => i.label)).toEqual(['null']);
  });

  it('passes the reference tree through and searches for what was typed, quoted or not', () => {
    const { referenceTree, context } = suggest('{ assignee: "ab|', 'users');
    expect(referenceTree).toBe('users');
    expect(referenceSearchText(context)).toBe('ab');
    expect(referenceSearchText(suggest('{ assignee: 4|').context)).toBe('4');
    expect(referenceSearchText(suggest('{ assignee: |').context)).toBe('');
  });

  it('offers records found by label under their label, inserting their key (a composite one whole)', () => {
    const { context } = suggest('{ project: "Apo|', 'projects');
    const items = referenceSuggestions([{ key: ['core', 'P1'], text: 'projects/["core","P1"]', label: 'Apollo' }, { key: ['ops', 'X'], text: 'projects/["ops","X"]' }], context);
    expect(items.map((i) => [i.label, i.insertText, i.detail])).toEqual([
      ['Apollo', '["core", "P1"]', 'projects/["core","P1"]'],
      ['["ops", "X"]', '["ops", "X"]', 'projects/["ops","X"]'],
    ]);
    // The editor filters by the typed text: every record the host found stays listed, in its order.
    expect(items.every((i) => i.filterText?.startsWith('"Apo'))).toBe(true);
    expect(items.map((i) => i.sortText)).toEqual(['20000', '20001']);
  });
});

describe('summarise', () => {
  it('picks a name-like field', () => {
    expect(summarise({ id: 'x', title: 'Fix it' })).toBe('Fix it');
    expect(summarise({ n: 1, body: 'hello' })).toBe('hello');
    expect(summarise(null)).toBe('');
  });
});
