import { describe, expect, it } from 'vitest';
import { conflictTexts } from './conflict-texts.js';

const entry = (value: unknown) => ({ tree: 'tasks', key: 7, text: 'tasks/7', revision: 4, value }) as never;

describe('conflictTexts', () => {
  it('writes mine in the same style as theirs, so only real differences show', () => {
    const texts = conflictTexts("{'title': 'Hello',\n    done: true, // mine\n}", entry({ title: 'Hello', done: false }));
    expect(texts.mineFormatted).toBe(true);
    expect(texts.theirs).toBe('{\n  title: "Hello",\n  done: false\n}');
    expect(texts.mine).toBe('{\n  title: "Hello",\n  done: true\n}');
  });

  it('shows mine as typed when it does not parse, and says what theirs is when there is no value', () => {
    expect(conflictTexts('{title: ', null)).toEqual({ theirs: '// deleted by someone else', mine: '{title: ', mineFormatted: false });
    expect(conflictTexts('{}', entry(undefined)).theirs).toBe('// the stored value does not decode');
  });
});
