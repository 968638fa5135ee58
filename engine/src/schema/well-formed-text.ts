/**
 * Every string the engine stores or indexes is well-formed Unicode. A lone
 * UTF-16 surrogate (U+D800–U+DFFF without its partner) has no UTF-8 form:
 * msgpack stored it as U+FFFD while index keys kept the original, so two
 * different values became one stored value under a unique index, and `verify`
 * found the index wrong. Such text is refused (values: VALIDATION, keys and
 * lookups: INVALID_KEY, declarations: INVALID_SCHEMA), never repaired, so what
 * is read back is what was given.
 */
import { loneSurrogateProblem } from '../common/well-formed-text.js';
import { InvalidSchemaError, type ValidationIssue } from '../errors.js';

export { loneSurrogateProblem };

/**
 * The catalog is stored too, and its index names name stores: a field name, an
 * index name or a constant (enum, literal, pattern) with a lone surrogate
 * would come back as U+FFFD, and the same declaration would no longer match
 * its own database. Refused where trees are assembled (InvalidSchemaError).
 */
export function assertWellFormedEntry(tree: string, entry: unknown): void {
  const [issue] = loneSurrogateIssues(entry);
  if (issue) throw new InvalidSchemaError(`tree '${tree}': the declaration at ${issue.path || 'its root'}: ${issue.message}`);
}

/** Past this many places a value's lone surrogates are not listed one by one (a list of them all could outgrow the value). */
export const MAX_LONE_SURROGATE_ISSUES = 100;

/**
 * The strings and property names of a text-form value that hold a lone
 * surrogate (the first MAX_LONE_SURROGATE_ISSUES of them, in document order),
 * as issues at JSON Pointer paths. A property name's issue is at its object,
 * with the name quoted as JSON, so no path or message holds a lone surrogate.
 * Every object is walked, not only plain ones (msgpack stores a class
 * instance's fields as it does an object's), with a stack of its own (so no
 * nesting can overflow the call stack) and each object once (so no circle).
 */
export function loneSurrogateIssues(json: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<object>();
  const stack: Place[] = [{ value: json }];
  while (stack.length > 0 && issues.length < MAX_LONE_SURROGATE_ISSUES) {
    const place = stack.pop()!;
    const value = place.value;
    if (typeof value === 'string') {
      const problem = loneSurrogateProblem(value);
      if (problem !== undefined) issues.push({ path: pointer(place), message: problem });
      continue;
    }
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || seen.has(value)) continue;
    seen.add(value);
    const children: Place[] = [];
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (typeof item === 'string' || (typeof item === 'object' && item !== null)) children.push({ value: item, parent: place, segment: String(i) });
      });
    } else {
      for (const name in value) {
        const problem = loneSurrogateProblem(name);
        if (problem !== undefined) issues.push({ path: pointer(place), message: `field name ${JSON.stringify(name)}: ${problem}` });
        else children.push({ value: (value as Record<string, unknown>)[name], parent: place, segment: name });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return issues.slice(0, MAX_LONE_SURROGATE_ISSUES);
}

/** A value inside the walked one, and how it was reached (made into a pointer only for an issue). */
interface Place {
  readonly value: unknown;
  readonly parent?: Place;
  readonly segment?: string;
}

function pointer(place: Place): string {
  const segments: string[] = [];
  for (let at: Place | undefined = place; at?.segment !== undefined; at = at.parent) segments.push(at.segment);
  return segments.reverse().map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
