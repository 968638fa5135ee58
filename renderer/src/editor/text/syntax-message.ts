/**
 * momoa reports syntax errors in its tokenizer's words ("Unexpected token
 * String found."). Users fixing a record by hand need to know what is wrong in
 * theirs: which character, and the usual cause (a missing comma, an unclosed
 * bracket, an unquoted word).
 */

const TOKEN_WORDS: Readonly<Record<string, string>> = {
  String: 'a string',
  Number: 'a number',
  Identifier: 'a word',
  Boolean: 'a boolean',
  Null: 'null',
  NaN: 'NaN',
  Infinity: 'Infinity',
  Comma: "','",
  Colon: "':'",
  LBrace: "'{'",
  RBrace: "'}'",
  LBracket: "'['",
  RBracket: "']'",
};

/** Tokens that begin a value: after another value they usually mean a missing comma. */
const VALUE_STARTS = new Set(['String', 'Number', 'Identifier', 'Boolean', 'Null', 'NaN', 'Infinity', 'LBrace', 'LBracket']);

/**
 * A plain message for a momoa error. `offset` is the error's position in
 * `text` (0-based), used to look at what came before it.
 */
export function explainSyntaxError(raw: string, text: string, offset: number): string {
  const message = raw.replace(/\s*\(\d+:\d+\)\s*$/, '');
  const endsEarly = 'The text ends too early: a closing } or ], or a value, is missing.';
  if (/^Unexpected end of input/.test(message)) return endsEarly;
  const token = /^Unexpected token (\w+) found/.exec(message)?.[1];
  if (token === undefined) return message;
  // momoa blames the last value of an unclosed list rather than the missing bracket.
  if (token !== 'RBrace' && token !== 'RBracket' && !/[}\]]/.test(text.slice(offset))) return endsEarly;
  const what = TOKEN_WORDS[token] ?? token;
  const before = previousSignificantCharacter(text, offset);
  if (VALUE_STARTS.has(token) && before !== undefined && /["'\w\]}.]/.test(before)) {
    return `Unexpected ${what}: is a comma missing before it?`;
  }
  if (token === 'Identifier' && (before === ':' || before === '[' || before === ',')) {
    return `Unexpected ${what}: text values need quotes, and true, false and null are written in lower case.`;
  }
  if (token === 'Comma' && (before === ',' || before === '[' || before === '{')) {
    return "Unexpected ',': a value is missing here (two commas in a row, or a comma at the start).";
  }
  if ((token === 'RBrace' || token === 'RBracket' || token === 'Comma') && before === ':') {
    return `Unexpected ${what}: the field before it has no value.`;
  }
  return `Unexpected ${what} here.`;
}

function previousSignificantCharacter(text: string, offset: number): string | undefined {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i]!;
    if (!/\s/.test(c)) return c;
  }
  return undefined;
}
