import { describe, expect, it } from 'vitest';
import { formatKeyText, isPlainKey, keyAddressOf, parseKeyText, plainKeyProblem } from './key-text.js';

describe('key text', () => {
  it('formats a key as tree, slash, JSON and reads it back', () => {
    expect(formatKeyText('labels', [3, 'bug'])).toBe('labels/[3,"bug"]');
    expect(keyAddressOf('labels/[3,"bug"]')).toEqual({ tree: 'labels', key: [3, 'bug'] });
    expect(keyAddressOf('users/42')).toEqual({ tree: 'users', key: 42 });
  });

  it('answers nothing for text that names no key', () => {
    expect(keyAddressOf('users')).toBeUndefined();
    expect(keyAddressOf('/42')).toBeUndefined();
    expect(keyAddressOf('users/{}')).toBeUndefined();
    expect(keyAddressOf('users/[]')).toBeUndefined();
    expect(keyAddressOf("users/'x'")).toBeUndefined(); // not JSON: the canonical form is strict
  });

  it('refuses a key holding a lone surrogate, with the reason', () => {
    const parsed = parseKeyText('users/"\\ud800x"');
    expect(parsed).toMatchObject({ ok: false, problem: expect.stringContaining('lone UTF-16 surrogate (U+D800 at position 0)') });
    expect(plainKeyProblem(['ok', '\udc00'])).toContain('U+DC00');
  });

  it('lets a caller read a wider syntax and still checks the shape', () => {
    const lenient = (text: string): unknown => JSON.parse(text.replaceAll("'", '"'));
    expect(parseKeyText("toys/['rex','ball']", lenient)).toEqual({ ok: true, tree: 'toys', key: ['rex', 'ball'] });
    expect(parseKeyText('toys/{"a":1}', lenient)).toMatchObject({ ok: false, problem: expect.stringContaining('a key is a string') });
  });

  it('knows a key from other data', () => {
    expect(isPlainKey(['a', 1, true])).toBe(true);
    expect(isPlainKey([])).toBe(false);
    expect(isPlainKey(null)).toBe(false);
    expect(isPlainKey([['nested']])).toBe(false);
  });
});
