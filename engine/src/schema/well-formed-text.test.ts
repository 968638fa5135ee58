/**
 * The walk behind the lone-surrogate rule (the rule itself is tested through
 * both faces in ./lone-surrogates.test.ts): it must end on any value a caller
 * can hand the engine, and say where the problems are, in order.
 */
import { describe, expect, it } from 'vitest';
import { loneSurrogateIssues, loneSurrogateProblem, MAX_LONE_SURROGATE_ISSUES } from './well-formed-text.js';

describe('loneSurrogateProblem', () => {
  it('names the first lone half and its position; pairs, U+FFFF and NUL are fine', () => {
    expect(loneSurrogateProblem('ab\udc00\ud800')).toBe('text holds a lone UTF-16 surrogate (U+DC00 at position 2); only well-formed Unicode can be stored');
    expect(loneSurrogateProblem('😀\ud83d')).toContain('(U+D83D at position 2)');
    for (const text of ['', '😀', '\u{10FFFF}', '\uffff\u0000', '\ud83d\ude00'.repeat(100)]) expect(loneSurrogateProblem(text)).toBeUndefined();
  });
});

describe('loneSurrogateIssues', () => {
  it('reports strings and field names at their pointers, in document order, escaping ~ and /', () => {
    const value = { 'a/b': ['ok', '\ud800'], '~': { ['\udfff']: 1, x: 'y\udbff' }, z: '\udc00' };
    expect(loneSurrogateIssues(value).map((i) => i.path)).toEqual(['/a~1b/1', '/~0', '/~0/x', '/z']);
    expect(loneSurrogateIssues(value)[1]!.message).toMatch(/^field name "\\udfff": text holds/);
  });

  it('ends on circles and on nesting deeper than the call stack', () => {
    const circle: Record<string, unknown> = { text: '\ud800' };
    circle['self'] = circle;
    circle['list'] = [circle, circle];
    expect(loneSurrogateIssues(circle).map((i) => i.path)).toEqual(['/text']);
    let deep: unknown = '\udc00';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(loneSurrogateIssues(deep)).toHaveLength(1);
  });

  it(`lists at most ${MAX_LONE_SURROGATE_ISSUES} places`, () => {
    expect(loneSurrogateIssues(Array.from({ length: 5000 }, () => '\ud800'))).toHaveLength(MAX_LONE_SURROGATE_ISSUES);
  });
});
