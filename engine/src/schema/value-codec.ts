/**
 * Checks values against a tree's stored JSON Schema and converts them between
 * their native form (what application code holds: Date, Uint8Array) and their
 * text form (plain JSON, what JSON5 editing and the opaque face use).
 */
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { InvalidSchemaError, type ValidationIssue } from '../errors.js';
import { valueKindOf } from './value-kinds.js';
import { valueDepthIssue } from './depth.js';
import { jsonFacts } from './json-facts.js';
import { referenceAt } from './reference-issues.js';
import { loneSurrogateIssues } from './well-formed-text.js';
import { isPlainObject } from './plain-object.js';

type Convert = (value: unknown, path: string, issues: ValidationIssue[]) => unknown;
type JsonSchema = Record<string, unknown>;

/** Values past this size (as JSON text) are refused: Electron cannot take lmdb's external buffers past 16 MiB. */
export const MAX_VALUE_CHARS = 8 * 1024 * 1024;

export type Checked = { ok: true; value: unknown; json: unknown } | { ok: false; issues: ValidationIssue[] };

export class ValueCodec {
  private readonly validator;
  private readonly toJsonPlan: Convert | undefined;
  private readonly fromJsonPlan: Convert | undefined;

  constructor(readonly schema: JsonSchema) {
    this.validator = Compile(schema as TSchema);
    this.toJsonPlan = plan(schema, 'toJson');
    this.fromJsonPlan = plan(schema, 'fromJson');
  }

  /** A native value → its text form, checked. */
  checkNative(value: unknown): Checked {
    const tooDeep = valueDepthIssue(value);
    if (tooDeep) return { ok: false, issues: [tooDeep] };
    const issues: ValidationIssue[] = [];
    const json = this.toJsonPlan ? this.toJsonPlan(value, '', issues) : value;
    return this.finish(json, value, issues);
  }

  /** A text-form value → its native form, checked. */
  checkJson(json: unknown): Checked {
    const tooDeep = valueDepthIssue(json);
    if (tooDeep) return { ok: false, issues: [tooDeep] };
    const schemaIssues = this.schemaIssues(json, []);
    if (schemaIssues.length > 0) {
      // Lone surrogates are reported with the schema's issues, so one round of edits can fix both.
      const lone = loneSurrogateIssues(json);
      return { ok: false, issues: lone.length === 0 ? schemaIssues : [...lone, ...this.schemaIssues(json, lone)] };
    }
    const issues: ValidationIssue[] = [];
    const value = this.fromJsonPlan ? this.fromJsonPlan(json, '', issues) : json;
    return this.finish(json, value, issues, true);
  }

  /** A stored native value → text form, for display; values that do not convert are reported, not thrown. */
  toJson(value: unknown): Checked {
    const issues: ValidationIssue[] = [];
    const json = this.toJsonPlan ? this.toJsonPlan(value, '', issues) : value;
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: json, json };
  }

  /** `schemaChecked`: the schema already passed `json` (checkJson looks before converting): not checked again. */
  private finish(json: unknown, native: unknown, issues: ValidationIssue[], schemaChecked = false): Checked {
    // A walk answers for plain values well under the limit; the text is written only otherwise.
    let facts = jsonFacts(json, MAX_VALUE_CHARS);
    if (facts === undefined || facts.maxChars > MAX_VALUE_CHARS) {
      let text: string | undefined;
      try {
        text = JSON.stringify(json);
      } catch (error) {
        return { ok: false, issues: [{ path: '', message: `cannot be encoded: ${(error as Error).message}` }] };
      }
      if (text !== undefined && text.length > MAX_VALUE_CHARS) {
        return { ok: false, issues: [{ path: '', message: `is too large (${text.length} characters as JSON; the limit is ${MAX_VALUE_CHARS})` }] };
      }
      // JSON text writes a lone surrogate as an escape (\ud800-\udfff) and a pair as it is, and a hole in a list as null.
      facts = { maxChars: text?.length ?? 0, surrogates: text?.includes('\\ud') ?? false, nulls: text?.includes('null') ?? false };
    }
    // Only a value with a surrogate can hold a lone one, and only one with a null a hole: other values are not walked for them.
    const lone = facts.surrogates ? [...issues, ...loneSurrogateIssues(json)] : issues;
    const known = facts.nulls ? [...lone, ...listHoleIssues(json)] : lone;
    const all = schemaChecked ? known : [...known, ...this.schemaIssues(json, known)];
    if (all.length > 0) return { ok: false, issues: all };
    // JSON text leaves out a field set to undefined (an optional field written `{ note: maybe }`), and so
    // does every reader of the text form: the stored value leaves it out too (it was stored as undefined,
    // and the host could not send the record).
    return { ok: true, value: hasUndefinedField(native) ? withoutUndefinedFields(native) : native, json };
  }

  private schemaIssues(json: unknown, known: readonly ValidationIssue[]): ValidationIssue[] {
    try {
      if (this.validator.Check(json)) return [];
    } catch (error) {
      return [{ path: '', message: `cannot be checked: ${(error as Error).message}` }];
    }
    return summarise(this.schema, [...this.validator.Errors(json)], known);
  }
}

interface RawError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Record<string, unknown>;
  readonly message: string;
}

/**
 * One issue per path, in words a person editing the value understands: the
 * alternatives of a union are folded into one message, errors inside a
 * reference become one issue at the reference (./reference-issues.ts), and
 * places already reported by a conversion are not reported twice.
 */
function summarise(schema: JsonSchema, errors: readonly RawError[], known: readonly ValidationIssue[]): ValidationIssue[] {
  const byPath = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const messages = byPath.get(path) ?? [];
    messages.push(message);
    byPath.set(path, messages);
  };
  for (const error of errors) {
    if (known.some((k) => k.path === error.instancePath)) continue;
    if (error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties')) continue;
    const ref = referenceAt(schema, error.instancePath);
    if (!ref) {
      add(error.instancePath, describe(error));
      continue;
    }
    add(ref.path, `must be a key of tree '${ref.target}': ${ref.shape}${ref.nullable ? ', or null' : ''}`);
    // `items: false` past a composite key's parts says "schema is false" (the count of items says it
    // better); a nullable reference's union and its null branch say nothing the first line does not.
    if (error.keyword === 'boolean' || error.keyword === 'anyOf' || error.params['type'] === 'null') continue;
    const part = error.instancePath.slice(ref.path.length + 1);
    add(ref.path, part === '' ? `it ${describe(error)}` : `part ${Number(part) + 1} ${describe(error)}`);
  }
  return [...byPath].map(([path, messages]) => ({ path, message: [...new Set(messages)].join('; ') }));
}

function describe(error: RawError): string {
  switch (error.keyword) {
    case 'const':
      return `must be ${JSON.stringify(error.params['allowedValue'])}`;
    case 'enum':
      return `must be one of ${(error.params['allowedValues'] as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ') ?? 'the listed values'}`;
    case 'additionalProperties':
      return `unknown field${(error.params['additionalProperties'] as unknown[]).length > 1 ? 's' : ''} ${(error.params['additionalProperties'] as unknown[]).map((p) => `'${String(p)}'`).join(', ')}`;
    case 'required':
      return `missing required field${(error.params['requiredProperties'] as unknown[]).length > 1 ? 's' : ''} ${(error.params['requiredProperties'] as unknown[]).map((p) => `'${String(p)}'`).join(', ')}`;
    case 'anyOf':
      return 'does not match any allowed form';
    default:
      return error.message;
  }
}

/** Compiles the conversions a schema needs; undefined where values pass through as they are. */
function plan(schema: JsonSchema, direction: 'toJson' | 'fromJson'): Convert | undefined {
  const kind = valueKindOf(schema);
  if (kind) {
    return (value, path, issues) => {
      const result = direction === 'toJson' ? kind.toJson(value) : kind.fromJson(value);
      if (result.ok) return 'json' in result ? result.json : result.value;
      issues.push({ path, message: result.message });
      return value;
    };
  }
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (properties) {
    const fields = Object.entries(properties).flatMap(([name, child]) => {
      const convert = plan(child, direction);
      return convert ? [[name, convert] as const] : [];
    });
    if (fields.length === 0) return undefined;
    return (value, path, issues) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [name, convert] of fields) {
        if (out[name] !== undefined) out[name] = convert(out[name], `${path}/${escapePointer(name)}`, issues);
      }
      return out;
    };
  }
  const prefixItems = schema['prefixItems'] as JsonSchema[] | undefined;
  if (prefixItems) {
    const positions = prefixItems.map((item) => plan(item, direction));
    if (positions.every((p) => p === undefined)) return undefined;
    return (value, path, issues) =>
      Array.isArray(value) ? value.map((item, i) => positions[i]?.(item, `${path}/${i}`, issues) ?? item) : value;
  }
  const items = schema['items'] as JsonSchema | undefined;
  if (items && typeof items === 'object') {
    const convert = plan(items, direction);
    if (!convert) return undefined;
    return (value, path, issues) => (Array.isArray(value) ? value.map((item, i) => convert(item, `${path}/${i}`, issues)) : value);
  }
  const anyOf = schema['anyOf'] as JsonSchema[] | undefined;
  if (anyOf) {
    const converting = anyOf.map((branch) => plan(branch, direction)).filter((c) => c !== undefined);
    if (converting.length === 0) return undefined;
    if (converting.length > 1) throw new InvalidSchemaError('a union may hold at most one alternative that is bytes or a timestamp');
    const convert = converting[0]!;
    return (value, path, issues) => (value === null ? value : convert(value, path, issues));
  }
  return undefined;
}


/** Whether a plain object in `value` (within the depth limit, checked first) has a field set to undefined. */
function hasUndefinedField(value: unknown): boolean {
  const stack: unknown[] = [value];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) stack.push(...node.filter((item) => typeof item === 'object' && item !== null));
    else if (isPlainObject(node)) {
      for (const child of Object.values(node)) {
        if (child === undefined) return true;
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return false;
}

/** A copy of `value` whose plain objects leave out their undefined fields (lists, Dates and bytes kept as they are). */
function withoutUndefinedFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefinedFields);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) if (child !== undefined) copy[name] = withoutUndefinedFields(child);
  return copy;
}

/**
 * Holes in lists (`new Array(3)`, `[1, , 3]`) and undefined items, which only code can make: the
 * schema check skips them (as Array#every does), JSON writes them as null, and
 * they were stored and read back as undefined, a record its own schema
 * refuses. The value is within the depth limit (checked first) and not
 * circular (JSON encoding refused that).
 */
function listHoleIssues(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: { node: unknown; path: string }[] = [{ node: value, path: '' }];
  for (let item = stack.pop(); item !== undefined && issues.length < 8; item = stack.pop()) {
    const { node, path } = item;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (!(i in node)) issues.push({ path: `${path}/${i}`, message: 'is a hole in the list (no value at all)' });
        else if (node[i] === undefined) issues.push({ path: `${path}/${i}`, message: 'is undefined, which a list cannot hold (null can be, where the schema allows it)' });
        else if (typeof node[i] === 'object' && node[i] !== null) stack.push({ node: node[i], path: `${path}/${i}` });
      }
    } else if (typeof node === 'object' && node !== null && [Object.prototype, null].includes(Object.getPrototypeOf(node) as object | null)) {
      for (const [name, child] of Object.entries(node)) {
        if (typeof child === 'object' && child !== null) stack.push({ node: child, path: `${path}/${escapePointer(name)}` });
      }
    }
  }
  return issues;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
