import { describe, expect, it } from 'vitest';
import { formatKey, parseJson5, toJson5 } from './json5-text.js';

function roundTrip(value: unknown): unknown {
  const outcome = parseJson5(toJson5(value));
  if (!outcome.ok) throw new Error(`did not parse: ${outcome.problem.message}\n${toJson5(value)}`);
  return outcome.value;
}

describe('toJson5 / parseJson5 round trip', () => {
  const cases: Record<string, unknown> = {
    null: null,
    booleans: [true, false],
    integers: [0, 1, -1, 42],
    'big and tiny numbers': [Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1.7976931348623157e308, 5e-324, -2.5e-7, 0.1 + 0.2],
    strings: ['', 'plain', 'with "double" and \'single\' quotes', 'back\\slash', 'tab\tnew\nline\r', '\u0000\u001f'],
    unicode: ['héllo wörld', '日本語', 'emoji 😀 👩‍👩‍👧', 'sep\u2028\u2029', 'lone \ud800 surrogate'],
    'timestamps and bytes as text': { at: '2024-02-29T12:34:56.789Z', data: 'AAEC/w==' },
    'keys needing quotes': { 'with space': 1, 'a-b': 2, '': 3, '1st': 4, 'ünï': 5, $ok: 6, _ok: 7, 'x/y~z': 8 },
    nested: { a: { b: { c: [1, [2, [3, { d: null }]]] } }, empty: {}, none: [], list: [{ x: 1 }, { y: [] }] },
    'composite key refs': { labels: [[3, 'bug'], [3, 'feature']], owner: 'a-uuid' },
  };
  for (const [name, value] of Object.entries(cases)) {
    it(name, () => expect(roundTrip(value)).toEqual(value));
  }

  it('keeps -0', () => expect(Object.is(roundTrip(-0), -0)).toBe(true));

  it('keeps member order', () => {
    expect(Object.keys(roundTrip({ z: 1, a: 2, m: 3 }) as object)).toEqual(['z', 'a', 'm']);
  });
});

describe('toJson5 layout', () => {
  it('writes identifier keys bare, others quoted, two-space indent, double quotes', () => {
    expect(toJson5({ name: 'Ann', 'first name': "O'Neil", nested: { ok: true } })).toBe(
      '{\n  name: "Ann",\n  "first name": "O\'Neil",\n  nested: {\n    ok: true\n  }\n}',
    );
  });

  it('keeps short scalar lists on one line and breaks long or nested ones', () => {
    expect(toJson5({ key: [3, 'bug'] })).toBe('{\n  key: [3, "bug"]\n}');
    expect(toJson5(['x'.repeat(70)])).toBe(`[\n  "${'x'.repeat(70)}"\n]`);
    expect(toJson5([{ a: 1 }])).toBe('[\n  {\n    a: 1\n  }\n]');
  });

  it('prints annotations as line comments after the value', () => {
    const text = toJson5({ lead: null, name: '' }, (p) => (p === '/lead' ? 'key of users' : undefined));
    expect(text).toBe('{\n  lead: null, // key of users\n  name: ""\n}');
    expect(parseJson5(text).ok).toBe(true);
  });

  it('quotes keys JSON5 would misread', () => {
    expect(formatKey('a b')).toBe('"a b"');
    expect(formatKey('9lives')).toBe('"9lives"');
    expect(formatKey('camelCase_$1')).toBe('camelCase_$1');
  });
});

describe('parseJson5', () => {
  it('reads JSON5 extras: comments, single quotes, hex, trailing commas, unquoted keys', () => {
    const outcome = parseJson5("// note\n{a: 0x10, b: 'x', c: [1, 2,], /* c */ d: .5, e: +1,}");
    expect(outcome.ok && outcome.value).toEqual({ a: 16, b: 'x', c: [1, 2], d: 0.5, e: 1 });
  });

  it('reports a syntax error at its line and column without the position in the message', () => {
    const outcome = parseJson5('{\n  a: 1,\n  b: [1, 2}\n}');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect([outcome.problem.line, outcome.problem.column]).toEqual([3, 11]);
      expect(outcome.problem.message).not.toMatch(/\(\d+:\d+\)/);
    }
  });

  it('reports empty text', () => {
    expect(parseJson5('  ').ok).toBe(false);
  });
});
