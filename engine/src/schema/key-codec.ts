/**
 * Per key strategy: the key's JSON Schema, how a key is checked and normalised,
 * how it is made from a value, and how it splits into parts for index entries.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { markedKindOf } from '../common/markers.js';
import { InvalidKeyError, KeyTooLargeError, safeStringify, type KeyEntryPlace } from '../errors.js';
import { MAX_KEY_BYTES } from '../storage/backend.js';
import { encodeKey } from '../storage/key-encoding.js';
import type { KeyPart, KeyValue } from './key-brand.js';
import type { StoredKeyStrategy } from './catalog.js';
import { loneSurrogateProblem } from './well-formed-text.js';

type JsonSchema = Record<string, unknown>;

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const HASH_PATTERN = '^[0-9a-f]{64}$';

export interface KeyCodec {
  readonly schema: JsonSchema;
  /** How many parts the key has in index and reference entries. */
  readonly arity: number;
  /** Checks a key's shape and returns it normalised; throws InvalidKeyError or KeyTooLargeError. */
  check(key: unknown): KeyValue;
  /** The key as the API shows it, from what storage returns. */
  fromStored(stored: unknown): KeyValue;
  parts(key: KeyValue): KeyPart[];
  /** The key made of `parts` from index `from` on (the tail of an index or reverse-reference entry). */
  fromParts(parts: readonly unknown[], from?: number): KeyValue;
  /** The key a value implies, for strategies that derive keys from values; undefined otherwise. */
  derive?(value: unknown, json: unknown): unknown;
  /** A fresh key, for strategies that generate keys. */
  generate?(): KeyValue;
  /** Keys of a versioned tree end with a version number (./versioned-key.ts). */
  readonly versioned: boolean;
  /** The key without its version: what every version of one record shares (the key itself in other trees). */
  identity(key: KeyValue): KeyValue;
  /** The key of version `version` of the record `identity` (versioned trees; other trees: the identity). */
  withVersion(identity: KeyValue, version: number): KeyValue;
  /** The version a key names (undefined in a tree that is not versioned). */
  versionOf(key: KeyValue): number | undefined;
}

export function keySchemaOf(strategy: StoredKeyStrategy, valueSchema: JsonSchema, tree: string): JsonSchema {
  switch (strategy.kind) {
    case 'auto':
      return { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
    case 'uuid':
      return { type: 'string', pattern: UUID_PATTERN };
    case 'hash':
      return { type: 'string', pattern: HASH_PATTERN };
    case 'custom':
      return strategy.schema;
    case 'composite': {
      const properties = (valueSchema['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = (valueSchema['required'] ?? []) as string[];
      const items = strategy.fields.map((field) => {
        const fieldSchema = properties[field];
        if (!fieldSchema) throw new InvalidKeyError(tree, strategy.fields, `composite key field '${field}' is not a field of the value`);
        if (!required.includes(field)) throw new InvalidKeyError(tree, strategy.fields, `composite key field '${field}' must not be optional`);
        if (!isKeyPartSchema(fieldSchema)) {
          throw new InvalidKeyError(tree, strategy.fields, `composite key field '${field}' must be a string, number, integer, boolean or a reference to a tree with such keys`);
        }
        return fieldSchema;
      });
      return { type: 'array', prefixItems: items, items: false, minItems: items.length, maxItems: items.length };
    }
  }
}

function isKeyPartSchema(schema: JsonSchema): boolean {
  // Bytes and timestamps are strings in JSON Schema, but not key parts (a reference is: its target's key).
  const kind = markedKindOf(schema);
  if (kind === 'timestamp' || kind === 'bytes') return false;
  return ['string', 'number', 'integer', 'boolean'].includes(schema['type'] as string);
}

export function makeKeyCodec(
  tree: string,
  strategy: StoredKeyStrategy,
  schema: JsonSchema,
  derive?: (value: unknown) => unknown,
): KeyCodec {
  const validator = Compile(schema as TSchema);
  const checkShape = (key: unknown): KeyValue => {
    const normal = normalise(key);
    if (!validator.Check(normal)) {
      const reasons = [...validator.Errors(normal)].map((e) => `${e.instancePath || 'key'} ${e.message}`);
      throw new InvalidKeyError(tree, key, reasons.join('; ') || `does not match ${safeStringify(schema)}`);
    }
    assertEncodable(tree, normal);
    return normal as KeyValue;
  };
  const composite = strategy.kind === 'composite';
  const arity = composite ? strategy.fields.length : Array.isArray(schema['prefixItems']) ? (schema['prefixItems'] as unknown[]).length : 1;
  const tuple = composite || arity > 1 || schema['type'] === 'array';
  const codec: KeyCodec = {
    schema,
    arity,
    check: strategy.kind === 'auto' ? checkAuto(tree) : checkShape,
    // lmdb stores a one-element tuple as the bare element.
    fromStored: tuple && arity === 1 ? (stored) => (Array.isArray(stored) ? stored : [stored]) as KeyValue : (stored) => stored as KeyValue,
    parts: tuple ? (key) => [...(key as readonly KeyPart[])] : (key) => [key as KeyPart],
    fromParts: tuple ? (parts, from = 0) => parts.slice(from) as KeyValue : (parts, from = 0) => parts[from] as KeyValue,
    versioned: false,
    identity: (key) => key,
    withVersion: (key) => key,
    versionOf: () => undefined,
  };
  if (strategy.kind === 'composite') {
    const fields = strategy.fields;
    codec.derive = (value) => fields.map((field) => (value as Record<string, unknown>)[field]);
  } else if (strategy.kind === 'hash') {
    codec.derive = (_value, json) => createHash('sha256').update(canonicalJson(json)).digest('hex');
  } else if (strategy.kind === 'custom' && derive) {
    codec.derive = (value) => derive(value);
  } else if (strategy.kind === 'custom' && strategy.field !== undefined) {
    // Stored as data (fieldKey): derived here too, so the opaque face creates and checks keys as the application does.
    const field = strategy.field;
    codec.derive = (value) => (value as Record<string, unknown>)[field];
  } else if (strategy.kind === 'uuid') {
    codec.generate = () => uuidv7();
  }
  return codec;
}

/** The fast path for the commonest key: a positive safe integer. */
function checkAuto(tree: string): (key: unknown) => KeyValue {
  return (key) => {
    if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 1) return key;
    throw new InvalidKeyError(tree, key, 'must be a positive integer id');
  };
}

/** -0 and 0 are one key; lmdb's encoding would otherwise store -0 as garbage. */
function normalise(key: unknown): unknown {
  if (Object.is(key, -0)) return 0;
  if (Array.isArray(key)) return key.map((part) => (Object.is(part, -0) ? 0 : part));
  return key;
}

function assertEncodable(tree: string, key: unknown, place?: KeyEntryPlace): void {
  const parts = Array.isArray(key) ? key : [key];
  for (const [i, part] of parts.entries()) {
    if (typeof part === 'number' && !Number.isFinite(part)) throw new InvalidKeyError(tree, key, 'numbers in keys must be finite');
    // Keys, index entries and lookups alike: text a value could not hold cannot find or make an entry either.
    const problem = typeof part === 'string' ? loneSurrogateProblem(part) : undefined;
    if (problem !== undefined) throw new InvalidKeyError(tree, key, Array.isArray(key) ? `part ${i + 1}: ${problem}` : problem);
  }
  const bytes = oversizeBytes(key);
  if (bytes !== undefined) throw new KeyTooLargeError(tree, bytes, MAX_KEY_BYTES, place);
}

/**
 * The encoded length of a key (or index / reference entry) that is over
 * MAX_KEY_BYTES; undefined when it fits. Encodes only when a cheap upper bound
 * says it might not fit.
 */
export function oversizeBytes(key: unknown): number | undefined {
  const parts = Array.isArray(key) ? key : [key];
  let estimate = 0;
  for (const part of parts) estimate += typeof part === 'string' ? part.length * 3 + 1 : 10;
  if (estimate <= MAX_KEY_BYTES) return undefined;
  const bytes = encodeKey(key).length;
  return bytes > MAX_KEY_BYTES ? bytes : undefined;
}

/** The key's byte length is checked for index and reference entries too, which add parts to it. */
export function assertKeyFits(tree: string, key: readonly KeyPart[] | KeyPart, place?: KeyEntryPlace): void {
  assertEncodable(tree, key, place);
}

/** JSON with object keys sorted, so equal values hash equally whatever their field order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
