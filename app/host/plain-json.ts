/**
 * Plain JSON, checked without recursion. Arguments may arrive by structured
 * clone (Electron IPC), which carries NaN, Dates, Maps and typed arrays that
 * JSON cannot; results must cross WebSocket as JSON text unchanged. Walking
 * with an explicit stack means hostile nesting can never overflow the host's
 * call stack.
 */

/** Deeper than any record a person edits, shallow enough for every recursive reader downstream. */
export const MAX_JSON_DEPTH = 200;

/**
 * Why `value` is not plain JSON (a JSON Pointer and the reason), or undefined when it is.
 * With `undefinedFields`, a field set to undefined is no problem (JSON leaves it out) and is
 * noted there instead.
 */
export function plainJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH, undefinedFields?: { seen: boolean }): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const problem = scalarProblem(item.value);
    if (problem === 'container') {
      if (item.depth >= maxDepth) return `${item.path || '(root)'}: nested more than ${maxDepth} levels deep`;
      const children = childrenOf(item.value as object, undefinedFields);
      if (typeof children === 'string') return `${item.path || '(root)'}: ${children}`;
      for (const [name, child] of children) stack.push({ value: child, path: `${item.path}/${escape(name)}`, depth: item.depth + 1 });
    } else if (problem !== undefined) {
      return `${item.path || '(root)'}: ${problem}`;
    }
  }
  return undefined;
}

/** undefined for a JSON scalar, 'container' for an array or object, otherwise why the value is not JSON. */
function scalarProblem(value: unknown): string | 'container' | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${String(value)} is not a JSON number`;
    case 'object':
      return value === null ? undefined : 'container';
    default:
      return `a ${typeof value} is not JSON`;
  }
}

function childrenOf(value: object, undefinedFields: { seen: boolean } | undefined): [string, unknown][] | string {
  if (Array.isArray(value)) {
    const items: [string, unknown][] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) return `item ${i} is missing (undefined is not JSON)`;
      items.push([String(i), value[i]]);
    }
    return items;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return `a ${value.constructor?.name ?? 'class instance'} is not plain JSON`;
  if (Object.getOwnPropertySymbols(value).length > 0) return 'symbol keys are not JSON';
  const entries = Object.entries(value);
  const hidden = entries.find(([, child]) => child === undefined);
  if (hidden === undefined) return entries;
  if (undefinedFields === undefined) return `field '${hidden[0]}' is undefined (not JSON)`;
  undefinedFields.seen = true;
  return entries.filter(([, child]) => child !== undefined);
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
