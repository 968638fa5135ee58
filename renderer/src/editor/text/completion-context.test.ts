import { describe, expect, it } from 'vitest';
import { completionContext } from './completion-context.js';

/** `|` marks the cursor. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const c = completionContext(text, offset);
  return { path: c.path, position: c.position, prefix: c.prefix, quote: c.quote, replaced: text.slice(c.replaceStart, c.replaceEnd), existingKeys: c.existingKeys };
}

describe('completionContext', () => {
  it('expects a key at the start of an object', () => {
    expect(at('{|')).toMatchObject({ path: [], position: 'key', prefix: '' });
    expect(at('{\n  title: "x",\n  |\n}')).toMatchObject({ path: [], position: 'key', existingKeys: ['title'] });
  });

  it('gives the typed part of a key and lists keys after the cursor too', () => {
    expect(at('{ title: "x", sta|, priority: 2 }')).toMatchObject({ position: 'key', prefix: 'sta', replaced: 'sta', existingKeys: ['title', 'priority'] });
  });

  it('expects a value after a colon, with the field in the path', () => {
    expect(at('{ status: |')).toMatchObject({ path: ['status'], position: 'value', prefix: '' });
    expect(at('{ done: tr|')).toMatchObject({ path: ['done'], position: 'value', prefix: 'tr' });
  });

  it('follows nesting through objects and arrays', () => {
    expect(at('{ settings: { notifications: { email: |')).toMatchObject({ path: ['settings', 'notifications', 'email'], position: 'value' });
    expect(at('{ labels: [[1, "a"], |')).toMatchObject({ path: ['labels', 1], position: 'value' });
    expect(at('{ tags: [{ name: "a" }, { na|')).toMatchObject({ path: ['tags', 1], position: 'key', prefix: 'na' });
  });

  it('sees inside an unfinished string, and an auto-closed one', () => {
    expect(at('{ owner: "ab|')).toMatchObject({ path: ['owner'], position: 'value', prefix: 'ab', quote: '"', replaced: '"ab' });
    expect(at("{ owner: 'ab|' }")).toMatchObject({ prefix: 'ab', quote: "'", replaced: "'ab'" });
    expect(at('{ "first na|": 1 }')).toMatchObject({ position: 'key', prefix: 'first na', quote: '"' });
  });

  it('ignores brackets and quotes inside comments and strings', () => {
    expect(at('{ a: "{[", // { [ "\n  /* ] } */ b: |')).toMatchObject({ path: ['b'], position: 'value' });
    expect(at('{ a: "x\\"{", b: [|')).toMatchObject({ path: ['b', 0], position: 'value' });
  });

  it('says none right after a finished value', () => {
    expect(at('{ a: 1 |')).toMatchObject({ position: 'none' });
    expect(at('{ a: "x"|')).toMatchObject({ position: 'none' });
  });

  it('is past a closed object', () => {
    expect(at('{ a: { b: 1 }, |')).toMatchObject({ path: [], position: 'key', existingKeys: ['a'] });
  });
});
