/**
 * Only well-formed Unicode can be stored: a lone UTF-16 surrogate has no UTF-8
 * form, so it would come back changed (see ../schema/well-formed-text.ts for
 * where the engine refuses it). Kept here so every side asks the same question.
 */

// String.prototype.isWellFormed is ES2024 (Node 20 and current browsers have it); the lib target here is ES2023.
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();
/** With the `u` flag a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why `text` cannot be stored (undefined when it can): the first lone surrogate and its position in UTF-16 units. */
export function loneSurrogateProblem(text: string): string | undefined {
  if (isWellFormed(text)) return undefined;
  const at = LONE_SURROGATE.exec(text)?.index ?? 0;
  const unit = text.charCodeAt(at).toString(16).toUpperCase();
  return `text holds a lone UTF-16 surrogate (U+${unit} at position ${at}); only well-formed Unicode can be stored`;
}
