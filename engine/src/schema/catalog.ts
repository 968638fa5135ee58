/**
 * The catalog as the engine reads it: the types are those of the runtime-neutral
 * schemas (../common/catalog.ts), and a stored catalog is checked against those
 * schemas before anything is built from it.
 */
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { Catalog, CATALOG_FORMAT } from '../common/catalog.js';
import { labelProblem } from './labels.js';

export {
  CATALOG_FORMAT,
  CATALOG_FORMAT_VERSION,
  type Catalog,
  type JsonSchema,
  type MigrationRecord,
  type SchemaVersionEntry,
  type StoredIndex,
  type StoredKeyStrategy,
  type StoredReference,
  type StoredTree,
} from '../common/catalog.js';

/** Compiled once: every open checks the stored catalog. */
const catalogValidator = Compile(Catalog);

/**
 * Whether a stored value says it is a Trellis catalog (its format, and trees):
 * anything else in `__meta` belongs to another program.
 */
export function claimsCatalogFormat(value: unknown): value is { readonly format: typeof CATALOG_FORMAT; readonly formatVersion?: unknown } {
  const v = value as { format?: unknown; trees?: unknown } | undefined;
  return typeof v === 'object' && v !== null && v.format === CATALOG_FORMAT && typeof v.trees === 'object';
}

/** A stored catalog, checked: the catalog, or the first place where it departs from its schema. */
export type CatalogCheck = { readonly ok: true; readonly catalog: Catalog } | { readonly ok: false; readonly problem: string };

/** Problems read as `trees.tasks.indexes.byOwner.on: expected array`. */
export function checkCatalog(value: unknown): CatalogCheck {
  if (!catalogValidator.Check(value)) return { ok: false, problem: describeFirst(value, [...catalogValidator.Errors(value)]) };
  // The engine finds a tree by the name inside its entry, the catalog by the name it is listed under.
  for (const [listed, tree] of Object.entries(value.trees)) {
    if (tree.name !== listed) return { ok: false, problem: `trees.${listed}.name: expected ${JSON.stringify(listed)}, the name it is listed under` };
    for (const [i, path] of (tree.label ?? []).entries()) {
      const problem = labelProblem(tree.value, path);
      if (problem) return { ok: false, problem: `trees.${listed}.label[${i}]: ${problem}` };
    }
  }
  return { ok: true, catalog: value };
}

function describeFirst(catalog: unknown, errors: readonly TLocalizedValidationError[]): string {
  // A key strategy is one of several forms told apart by `kind`: the forms of another kind say nothing useful.
  const kindMisses = errors.filter((e) => e.keyword === 'const' && e.instancePath.endsWith('/kind'));
  const otherForms = new Set(kindMisses.map((e) => unionBranch(e.schemaPath)));
  const telling = errors.find((e) => e.keyword !== 'anyOf' && !otherForms.has(unionBranch(e.schemaPath)));
  if (telling) return `${placeText(catalog, telling.instancePath)}: ${describe(telling)}`;
  const first = kindMisses[0];
  if (first) {
    const kinds = kindMisses.filter((e) => e.instancePath === first.instancePath).map((e) => ('allowedValue' in e.params ? JSON.stringify(e.params.allowedValue) : '?'));
    return `${placeText(catalog, first.instancePath)}: expected one of ${kinds.join(', ')}`;
  }
  const error = errors[0];
  return error ? `${placeText(catalog, error.instancePath)}: ${describe(error)}` : 'does not match the catalog schema';
}

function describe(error: TLocalizedValidationError): string {
  switch (error.keyword) {
    case 'type':
      return `expected ${[error.params.type].flat().join(' or ')}`;
    case 'required':
      return `missing ${error.params.requiredProperties.map((p) => `'${p}'`).join(', ')}`;
    case 'const':
      return `expected ${JSON.stringify(error.params.allowedValue)}`;
    case 'minimum':
      return `expected at least ${error.params.limit}`;
    case 'minItems':
      return `expected at least ${error.params.limit} item(s)`;
    case 'minLength':
      return `expected at least ${error.params.limit} character(s)`;
    case 'enum':
      return `expected one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message;
  }
}

/** `#/properties/trees/…/anyOf/2/properties/kind` → the branch `…/anyOf/2`; undefined outside a union. */
function unionBranch(schemaPath: string): string | undefined {
  return /^(.*\/anyOf\/\d+)(\/|$)/.exec(schemaPath)?.[1];
}

/**
 * A JSON Pointer into the catalog in dotted form; an index or reference in a
 * list is named by its `name` when it has one (`indexes.byOwner`), else `[2]`.
 */
function placeText(catalog: unknown, pointer: string): string {
  if (pointer === '') return '(the catalog)';
  let node = catalog;
  let text = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) {
      node = node[Number(segment)];
      const name = (node as { name?: unknown } | undefined)?.name;
      text += typeof name === 'string' ? `.${name}` : `[${segment}]`;
    } else {
      node = (node as Record<string, unknown> | undefined)?.[segment];
      text += text === '' ? segment : `.${segment}`;
    }
  }
  return text;
}
