import { describe, expect, it } from 'vitest';
import { parseUserKey, parseUserValue } from './user-input.js';

describe('user input', () => {
  it('reads JSON5 keys, and bare words as strings', () => {
    expect(parseUserKey('42')).toEqual({ ok: true, key: 42 });
    expect(parseUserKey("[3, 'bug']")).toEqual({ ok: true, key: [3, 'bug'] });
    expect(parseUserKey('"a b"')).toEqual({ ok: true, key: 'a b' });
    expect(parseUserKey('alice')).toEqual({ ok: true, key: 'alice' });
    expect(parseUserKey('{a: 1}').ok).toBe(false);
    expect(parseUserKey('  ').ok).toBe(false);
    expect(parseUserValue('null')).toBe(null);
  });
});
