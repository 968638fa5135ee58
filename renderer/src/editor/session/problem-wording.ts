/**
 * Problems in plain words, naming the field: the host passes the schema
 * validator's wording ("must not have fewer than 1 characters") and a JSON
 * Pointer; the list shows `name: must be at least 1 character`.
 */

/** A JSON Pointer as the user reads a field: `/tags/2/name` → `tags[2].name`; '' → ''. */
export function fieldLabel(pointer: string): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let label = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) label += `[${segment}]`;
    else label += label === '' ? segment : `.${segment}`;
  }
  return label;
}

const plural = (n: string, word: string) => `${n} ${word}${n === '1' ? '' : 's'}`;
const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number (integer)',
  boolean: 'true or false (boolean)',
  object: 'an object',
  array: 'a list (array)',
  null: 'null',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

const REWRITES: readonly [RegExp, (...groups: string[]) => string][] = [
  [/^must not have fewer than (\d+) characters$/, (n) => `must be at least ${plural(n!, 'character')}`],
  [/^must not have more than (\d+) characters$/, (n) => `must be at most ${plural(n!, 'character')}`],
  [/^must not have fewer than (\d+) items$/, (n) => `must have at least ${plural(n!, 'item')}`],
  [/^must not have more than (\d+) items$/, (n) => `must have at most ${plural(n!, 'item')}`],
  [/^must not have fewer than (\d+) properties$/, (n) => `must have at least ${plural(n!, 'field')}`],
  [/^must not have more than (\d+) properties$/, (n) => `must have at most ${plural(n!, 'field')}`],
  [/^must match pattern "(.*)"$/, (p) => `must match the pattern ${p}`],
  [/^must match format "(.*)"$/, (f) => `must be a valid ${f}`],
  [/^must be >= (\S+)$/, (n) => `must be at least ${n}`],
  [/^must be <= (\S+)$/, (n) => `must be at most ${n}`],
  [/^must be > (\S+)$/, (n) => `must be greater than ${n}`],
  [/^must be < (\S+)$/, (n) => `must be less than ${n}`],
  [/^must be multiple of (\S+)$/, (n) => `must be a multiple of ${n}`],
  [/^must be equal to one of the allowed values$/, () => 'must be one of the allowed values'],
  [/^must be equal to constant$/, () => 'must be the one allowed value'],
  [/^must have required properties (.+)$/, (names) => `missing required field${names!.includes(',') ? 's' : ''} ${names!.split(/,\s*/).map((n) => `'${n}'`).join(', ')}`],
  [/^must be either (.+)$/, (types) => `must be ${types!.split(' or ').map(typeName).join(' or ')}`],
  [/^must be (string|number|integer|boolean|object|array|null)$/, (t) => `must be ${typeName(t!)}`],
];

/** The validator's wording of one message part, in plain words (unknown wording is kept). */
export function plainMessage(message: string): string {
  return message
    .split('; ')
    .map((part) => {
      // The engine says what is wrong with a reference's key as `it …` or `part 2 …`, in the validator's words.
      const [, subject = '', wording = part] = /^(it |part \d+ )(.*)$/.exec(part) ?? [];
      for (const [pattern, rewrite] of REWRITES) {
        const m = pattern.exec(wording);
        if (m) return subject + rewrite(...m.slice(1));
      }
      return part;
    })
    .join('; ');
}

/** Messages that already say which field they are about. */
const NAMES_ITSELF = /^unknown fields? '|^duplicate field '/;

/** `field: message`, unless the place is the whole value or the message names the field itself. */
export function problemMessage(pointer: string, message: string): string {
  const plain = plainMessage(message);
  const label = fieldLabel(pointer);
  if (label === '' || NAMES_ITSELF.test(plain) || plain.startsWith(`${label}:`)) return plain;
  return `${label}: ${plain}`;
}
