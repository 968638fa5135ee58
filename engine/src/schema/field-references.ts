/**
 * References over existing fields (`references` in a tree's declaration): the target's key is the
 * values of two or more top-level fields of the record, e.g. `(countryCode, stateCode) → states`.
 * Checked here, when the schema is assembled: every field exists and holds what the target's key
 * part at its place holds, so what `tsc` accepts and opens also refers to keys that can exist.
 */
import { InvalidSchemaError } from '../errors.js';
import { markedKindOf } from '../common/markers.js';
import type { JsonSchema, StoredReference } from './catalog.js';
import type { FieldReferenceDeclaration } from './tree.js';

const REFERENCE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function storedFieldReferences(
  tree: string,
  declared: Readonly<Record<string, FieldReferenceDeclaration>> | undefined,
  value: JsonSchema,
  keySchemas: ReadonlyMap<string, JsonSchema>,
  existing: readonly StoredReference[],
): StoredReference[] {
  const properties = (value['properties'] ?? {}) as Record<string, JsonSchema>;
  return Object.entries(declared ?? {}).map(([name, reference]) => {
    const where = `tree '${tree}': reference '${name}'`;
    if (!REFERENCE_NAME.test(name)) throw new InvalidSchemaError(`${where}: a reference's name must be letters, digits or '_', starting with a letter or '_'`);
    if (Object.hasOwn(properties, name) || existing.some((ref) => ref.path === name)) {
      throw new InvalidSchemaError(`${where}: '${name}' is already a field of the value; name the reference otherwise`);
    }
    const target = typeof reference.target === 'string' ? reference.target : reference.target.name;
    const keySchema = keySchemas.get(target);
    if (!keySchema) throw new InvalidSchemaError(`${where} refers to '${target}', which is not declared`);
    const fields = [...reference.fields];
    if (fields.length < 2) throw new InvalidSchemaError(`${where}: a reference over one field is t.ref('${target}') on that field`);
    const onDelete = reference.onDelete ?? 'restrict';
    if (onDelete !== 'restrict' && onDelete !== 'cascade') {
      throw new InvalidSchemaError(`${where}: onDelete must be 'restrict' or 'cascade' (got '${String(onDelete)}'): deleting the target cannot clear fields the record is made of`);
    }
    const parts = (keySchema['prefixItems'] as JsonSchema[] | undefined) ?? [keySchema];
    const shown = `${target}'s key is [${parts.map(typeName).join(', ')}]`;
    if (parts.length !== fields.length) throw new InvalidSchemaError(`${where} over (${fields.join(', ')}): ${shown}, ${parts.length} part(s); give as many fields, in its order`);
    fields.forEach((field, i) => {
      const schema = properties[field];
      if (!schema) throw new InvalidSchemaError(`${where}: '${field}' is not a top-level field of the value`);
      const got = typeName(withoutNull(schema));
      const wanted = typeName(parts[i]!);
      if (got !== wanted && !(got === 'integer' && wanted === 'number')) {
        throw new InvalidSchemaError(`${where} over (${fields.join(', ')}): ${shown}; field '${field}' (part ${i + 1}) is ${got}, expected ${wanted}`);
      }
    });
    return { path: name, target, onDelete, many: false, fields };
  });
}

/** A field that may be null (or absent) refers to nothing then: its type is that of its other branch. */
function withoutNull(schema: JsonSchema): JsonSchema {
  const branches = (schema['anyOf'] as JsonSchema[] | undefined)?.filter((branch) => branch['type'] !== 'null');
  return branches?.length === 1 ? branches[0]! : schema;
}

function typeName(schema: JsonSchema): string {
  const kind = markedKindOf(schema);
  if (kind === 'timestamp' || kind === 'bytes') return kind;
  const type = schema['type'];
  if (typeof type === 'string') return type;
  // An enum or a literal without a type keyword: the type of its values.
  const values = (schema['enum'] as unknown[] | undefined) ?? (schema['const'] !== undefined ? [schema['const']] : []);
  const kinds = new Set(values.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
  return kinds.size === 1 ? [...kinds][0]! : 'a value of another kind';
}
