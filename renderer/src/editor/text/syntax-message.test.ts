import { parse } from '@humanwhocodes/momoa';
import { describe, expect, it } from 'vitest';
import { explainSyntaxError } from './syntax-message.js';

/** The message the editor shows for this text, from momoa's real error. */
function explain(text: string): string {
  try {
    parse(text, { mode: 'json5' });
  } catch (error) {
    const { message, offset } = error as Error & { offset: number };
    return explainSyntaxError(message, text, offset);
  }
  throw new Error(`'${text}' parsed`);
}

describe('explainSyntaxError', () => {
  it('names a missing comma between two values or fields', () => {
    expect(explain("{a: 1 b: 2}")).toBe('Unexpected a word: is a comma missing before it?');
    expect(explain("{a: 'x' 'y'}")).toBe('Unexpected a string: is a comma missing before it?');
    expect(explain('[1 2]')).toBe('Unexpected a number: is a comma missing before it?');
    expect(explain('[{} {}]')).toBe("Unexpected '{': is a comma missing before it?");
  });

  it('explains an unquoted word where a value belongs', () => {
    expect(explain('{a: hello}')).toMatch(/text values need quotes/);
    expect(explain('{a: True}')).toMatch(/lower case/);
  });

  it('explains a doubled comma, a field without a value and text that ends early', () => {
    expect(explain('{a: 1,, b: 2}')).toMatch(/a value is missing here/);
    expect(explain('{a: }')).toBe("Unexpected '}': the field before it has no value.");
    expect(explain('{a: [1, 2')).toMatch(/^The text ends too early/);
  });

  it('keeps messages it does not recognise, without the position', () => {
    expect(explainSyntaxError('Something odd (3:4)', 'x', 0)).toBe('Something odd');
  });
});
