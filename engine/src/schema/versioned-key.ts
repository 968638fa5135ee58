/**
 * Keys of a versioned tree: the declared key (its identity) followed by a version number,
 * flat — `[id, version]`, `['FR', 'IDF', version]` — so a reference to such a record names one
 * exact version, and the versions of one identity sort together, oldest first.
 */
import { InvalidKeyError, InvalidSchemaError } from '../errors.js';
import type { KeyPart, KeyValue } from './key-brand.js';
import type { JsonSchema } from './catalog.js';
import type { KeyCodec } from './key-codec.js';

/** The version part of a versioned key: 1 for the first, one more for each new version. */
export const VERSION_SCHEMA: JsonSchema = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };

/** The key schema of a versioned tree: the identity's parts, then the version. */
export function versionedKeySchema(identity: JsonSchema, tree: string): JsonSchema {
  const parts = identityItems(identity, tree);
  return { type: 'array', prefixItems: [...parts, VERSION_SCHEMA], items: false, minItems: parts.length + 1, maxItems: parts.length + 1 };
}

/** The identity's key schema back from a versioned key schema (`tuple`: the identity is itself a tuple). */
export function identitySchemaOf(versioned: JsonSchema, tuple: boolean, tree: string): JsonSchema {
  const all = versioned['prefixItems'];
  // A stored catalog may come from another tool: a versioned key schema that is not a tuple ending in the version is refused.
  if (!Array.isArray(all) || all.length < 2) throw new InvalidSchemaError(`tree '${tree}' is versioned, but its key schema is not a tuple of the key's parts and a version`);
  const items = (all as JsonSchema[]).slice(0, -1);
  return tuple ? { type: 'array', prefixItems: items, items: false, minItems: items.length, maxItems: items.length } : items[0]!;
}

function identityItems(identity: JsonSchema, tree: string): JsonSchema[] {
  if (identity['type'] !== 'array') return [identity];
  const items = identity['prefixItems'];
  if (!Array.isArray(items) || identity['items'] !== false) {
    throw new InvalidSchemaError(`tree '${tree}': a versioned tree's key must be one value or a tuple of values (its key schema is an open list)`);
  }
  return items as JsonSchema[];
}

/**
 * The codec of a versioned tree, from the codec of its identity: keys are checked part by part
 * (the identity as the declared strategy checks it, then the version), derived and generated
 * keys are version 1, and `identity` / `withVersion` take a key apart and back.
 */
export function versionedCodec(tree: string, identity: KeyCodec, schema: JsonSchema): KeyCodec {
  const arity = identity.arity + 1;
  const tuple = identity.arity > 1 || identity.schema['type'] === 'array';
  const identityOf = (key: KeyValue): KeyValue => (tuple ? (key as readonly KeyPart[]).slice(0, -1) : (key as readonly KeyPart[])[0]!) as KeyValue;
  const withVersion = (id: KeyValue, version: number): KeyValue => [...identity.parts(id), version];
  const codec: KeyCodec = {
    schema,
    arity,
    versioned: true,
    check(key) {
      if (!Array.isArray(key) || key.length !== arity) {
        throw new InvalidKeyError(tree, key, `a key of this versioned tree is ${tuple ? '[...key, version]' : '[key, version]'} (${arity} parts), e.g. ${example(identity)}`);
      }
      const version = key[arity - 1] as unknown;
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
        throw new InvalidKeyError(tree, key, `the version (the last part) must be a whole number from 1, got ${JSON.stringify(version)}`);
      }
      return withVersion(identity.check(tuple ? key.slice(0, -1) : key[0]), version);
    },
    fromStored: (stored) => stored as KeyValue,
    parts: (key) => [...(key as readonly KeyPart[])],
    fromParts: (parts, from = 0) => parts.slice(from) as KeyValue,
    identity: identityOf,
    withVersion,
    versionOf: (key) => (key as readonly KeyPart[])[arity - 1] as number,
  };
  const { derive, generate } = identity;
  if (derive) codec.derive = (value, json) => [...identity.parts(identity.check(derive(value, json))), 1];
  if (generate) codec.generate = () => withVersion(generate(), 1);
  return codec;
}

function example(identity: KeyCodec): string {
  const part = identity.schema['type'] === 'string' ? '"a"' : '1';
  return identity.arity > 1 ? `[${Array.from({ length: identity.arity }, () => part).join(', ')}, 1]` : `[${part}, 1]`;
}
