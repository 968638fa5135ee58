/**
 * JSON5 for Monaco, which has no such language: a Monarch tokenizer (comments,
 * unquoted keys, both quote styles, hex / Infinity / NaN, trailing commas are
 * just commas) and the bracket and comment settings editing needs.
 */
import type * as Monaco from 'monaco-editor/editor';

export const JSON5_LANGUAGE = 'json5';

export const json5Tokens: Monaco.languages.IMonarchLanguage = {
  defaultToken: 'invalid',
  tokenPostfix: '.json5',
  brackets: [
    { open: '{', close: '}', token: 'delimiter.bracket' },
    { open: '[', close: ']', token: 'delimiter.array' },
  ],
  tokenizer: {
    root: [
      { include: '@whitespace' },
      // A key is a name or string followed by a colon.
      [/[A-Za-z_$][\w$]*(?=\s*:)/, 'type.identifier'],
      [/"(?=(?:[^"\\]|\\.)*"\s*:)/, { token: 'type.identifier', next: '@keyDouble' }],
      [/'(?=(?:[^'\\]|\\.)*'\s*:)/, { token: 'type.identifier', next: '@keySingle' }],
      [/[{}[\]]/, '@brackets'],
      [/[,:]/, 'delimiter'],
      [/"/, { token: 'string', next: '@stringDouble' }],
      [/'/, { token: 'string', next: '@stringSingle' }],
      [/[+-]?0[xX][0-9a-fA-F]+/, 'number.hex'],
      [/[+-]?(?:Infinity|NaN)\b/, 'number'],
      [/[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, 'number'],
      [/\b(?:true|false)\b/, 'keyword'],
      [/\bnull\b/, 'keyword'],
    ],
    whitespace: [
      [/\s+/, 'white'],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    stringDouble: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/\\$/, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
    stringSingle: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string.escape'],
      [/\\$/, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    keyDouble: [
      [/[^\\"]+/, 'type.identifier'],
      [/\\./, 'string.escape'],
      [/"/, 'type.identifier', '@pop'],
    ],
    keySingle: [
      [/[^\\']+/, 'type.identifier'],
      [/\\./, 'string.escape'],
      [/'/, 'type.identifier', '@pop'],
    ],
  },
};

export const json5Configuration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}', notIn: ['string', 'comment'] },
    { open: '[', close: ']', notIn: ['string', 'comment'] },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
  // Words include quotes' content only, so completion replaces what was typed.
  wordPattern: /(-?\d*\.\d\w*)|([^\s{}[\]:,"'/]+)/g,
};

export function registerJson5Language(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === JSON5_LANGUAGE)) return;
  monaco.languages.register({ id: JSON5_LANGUAGE, extensions: ['.json5'], aliases: ['JSON5'] });
  monaco.languages.setMonarchTokensProvider(JSON5_LANGUAGE, json5Tokens);
  monaco.languages.setLanguageConfiguration(JSON5_LANGUAGE, json5Configuration);
}
