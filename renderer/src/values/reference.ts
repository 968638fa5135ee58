/** A reference holds the target's key; the target tree is in the schema's REF_TARGET_MARKER. */
import { formatKeyText, isPlainKey } from '@trellis/engine/common/key-text';
import { markedKindOf, REF_TARGET_MARKER } from '@trellis/engine/common/markers';
import { allowsNull, constAndNull, type JsonSchema } from './schema-shape.js';
import type { ValueType } from './value-type.js';

export function referenceText(value: unknown, schema: JsonSchema): string {
  const target = schema[REF_TARGET_MARKER];
  return typeof target === 'string' && isPlainKey(value) ? formatKeyText(target, value) : JSON.stringify(value) ?? '';
}

export const isReference = (schema: JsonSchema): boolean => markedKindOf(schema) === 'ref';

export const referenceType: ValueType = {
  id: 'reference',
  matches: isReference,
  text: referenceText,
  describe: (schema) => `key of ${String(schema[REF_TARGET_MARKER])}${allowsNull(schema) ? ' | null' : ''}`,
  // null even where the reference is not nullable: validation then marks each one still to fill.
  template: (schema, context) => {
    context.note(`key of a ${String(schema[REF_TARGET_MARKER])} record (Ctrl+Space lists them)`);
    return null;
  },
  // The target's keys come from the host; the editor's completion adapter asks for them.
  suggestions: constAndNull,
  width: 150,
};
