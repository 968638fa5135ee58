/**
 * The first pass of an import: every line checked, nothing written. A problem
 * is named by its line (1-based) and a JSON Pointer into that line's document
 * (`/value/population`, `/key`, `/tree`).
 *
 * References may point to records later in the file: a reference whose target
 * is neither in the database nor among the keys seen so far waits in a list,
 * settled against every key of the file once the file has been read. So the
 * pass keeps the key text of each record of the file (tens of bytes each; no
 * values), which is what lets the write pass admit those references too.
 */
import { InvalidKeyError, KeyTooLargeError, type ValidationIssue } from '../errors.js';
import { entryIssues } from '../core/entry-size.js';
import { keyText, type TreeModel } from '../core/tree-model.js';
import type { Engine } from '../core/engine.js';
import type { KeyValue } from '../schema/key-brand.js';
import { asHeader, asTrailer, canonicalJson, EXPORT_FORMAT, type ExportHeader, type PortableRelease } from './transfer-format.js';
import { releaseStateOf } from '../core/release-state.js';

export interface ImportProblem {
  /** 1-based; one past the last line for a file that ends too soon. */
  readonly line: number;
  /** JSON Pointer into the line's document; '' for the line as a whole. */
  readonly path: string;
  readonly message: string;
  /** For a reference nothing provides: the record it names (a caller checking part of a file may find it elsewhere). */
  readonly target?: { readonly tree: string; readonly key: KeyValue };
}

/** A record line that passed the check: what the write pass writes. */
export interface CheckedRecord {
  readonly model: TreeModel;
  /** Undefined: the tree makes the key (an insert). */
  readonly key: KeyValue | undefined;
  readonly value: unknown;
  /** A versioned record's state to restore (its `release` in the line). */
  readonly release?: PortableRelease | undefined;
}

interface WaitingReference {
  readonly line: number;
  readonly path: string;
  readonly target: string;
  readonly key: KeyValue;
}

export const recordId = (tree: string, key: unknown) => `${tree}/${keyText(key)}`;

export class ImportChecker {
  readonly problems: ImportProblem[] = [];
  /** Each record of the file by tree and key, with its line. */
  readonly keys = new Map<string, number>();
  header: ExportHeader | undefined;
  records = 0;
  private lines = 0;
  private trailerLine: number | undefined;
  /** Whether a line other than blank ones was read: a header may only come first. */
  private begun = false;
  private waiting: WaitingReference[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly maxProblems: number,
  ) {}

  get full(): boolean {
    return this.problems.length >= this.maxProblems;
  }

  /** Checks one line; answers the record to write, or undefined (a blank line, header, trailer or problem). */
  line(text: string): CheckedRecord | undefined {
    const line = ++this.lines;
    if (text.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return this.problem(line, '', `not JSON: ${(error as Error).message}`);
    }
    if (this.trailerLine !== undefined) return this.problem(line, '', `the export ended at line ${this.trailerLine}; nothing may follow it`);
    const header = asHeader(parsed);
    const first = !this.begun;
    this.begun = true;
    if (header) return first ? this.checkHeader(line, header) : this.problem(line, '/trellis', 'an export header may only be the first line');
    const trailer = asTrailer(parsed);
    if (trailer) {
      this.trailerLine = line;
      if (!this.header) return this.problem(line, '/trellis', 'an export trailer without an export header on the first line');
      if (trailer.records !== this.records) return this.problem(line, '/records', `the trailer counts ${String(trailer.records)} records; the file holds ${this.records}`);
      return undefined;
    }
    return this.checkRecord(line, parsed);
  }

  /** Checks one record given as data (not a line of text); `line` names it in problems. */
  record(line: number, record: unknown): CheckedRecord | undefined {
    this.lines = Math.max(this.lines, line);
    this.begun = true;
    return this.checkRecord(line, record);
  }

  /** After the last line: a cut-off export, and references to records that nothing provides. */
  finish(): void {
    if (this.header && this.trailerLine === undefined) {
      this.problem(this.lines + 1, '', 'the file ends before the export’s last line ({"trellis":"end",…}): it was cut off');
    }
    for (const ref of this.waiting) {
      if (this.keys.has(recordId(ref.target, ref.key))) continue;
      if (!this.full) this.problems.push({ line: ref.line, path: ref.path, message: `refers to ${ref.target}/${keyText(ref.key)}, which is neither in the database nor in the file`, target: { tree: ref.target, key: ref.key } });
    }
    this.waiting = [];
  }

  private checkHeader(line: number, header: ExportHeader): undefined {
    if (header.format !== EXPORT_FORMAT) return this.problem(line, '/format', `export format ${String(header.format)} is not one this engine reads (${EXPORT_FORMAT})`);
    if (typeof header.trees !== 'object' || header.trees === null) return this.problem(line, '/trees', 'expected the exported trees’ catalog entries');
    this.header = header;
    for (const [name, tree] of Object.entries(header.trees)) {
      const target = this.engine.models.get(name);
      if (!target) {
        this.problem(line, `/trees/${name}`, `the database has no tree '${name}'; import the file into a new database to create its trees`);
      } else if (canonicalJson(target.stored) !== canonicalJson(tree)) {
        this.problem(line, `/trees/${name}`, `the database’s tree '${name}' is declared differently from the export’s (key, value schema, indexes or references); nothing is imported into a different schema`);
      }
    }
    return undefined;
  }

  private checkRecord(line: number, parsed: unknown): CheckedRecord | undefined {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.problem(line, '', 'expected an object {"tree", "key", "value"}');
    const { tree, key: rawKey, value: json, release: rawRelease } = parsed as { tree?: unknown; key?: unknown; value?: unknown; release?: unknown };
    if (typeof tree !== 'string') return this.problem(line, '/tree', 'expected the name of a tree');
    const model = this.engine.models.get(tree);
    if (!model) return this.problem(line, '/tree', `the database has no tree '${tree}'`);
    if (this.header && !(tree in this.header.trees)) return this.problem(line, '/tree', `'${tree}' is not among the trees the export’s header declares`);
    if (json === undefined) return this.problem(line, '/value', 'missing');
    this.records++;
    let key: KeyValue | undefined;
    if (rawKey !== undefined) {
      try {
        key = model.key.check(rawKey);
      } catch (error) {
        if (error instanceof InvalidKeyError || error instanceof KeyTooLargeError) return this.problem(line, '/key', error.message);
        throw error;
      }
    }
    const checked = model.codec.checkJson(json);
    if (!checked.ok) return this.valueProblems(line, checked.issues);
    const sizes = entryIssues(model, (name) => this.engine.model(name), checked.value, checked.json);
    if (sizes.length > 0) return this.valueProblems(line, sizes);
    const implied = model.key.derive?.(checked.value, checked.json);
    if (key === undefined && implied !== undefined) key = model.key.check(implied);
    else if (implied !== undefined) {
      const impliedIdentity = keyText(model.key.identity(model.key.check(implied)));
      if (impliedIdentity !== keyText(model.key.identity(key!))) return this.problem(line, '/key', `the value implies the key ${impliedIdentity}`);
    }
    if (key === undefined && model.stored.key.kind === 'custom') return this.problem(line, '/key', 'this tree’s keys come from the application; give each record its key');
    if (key !== undefined) {
      const id = recordId(tree, key);
      const first = this.keys.get(id);
      if (first !== undefined) return this.problem(line, '/key', `the same record as line ${first}: a key may appear once`);
      this.keys.set(id, line);
    }
    const release = rawRelease === undefined ? undefined : portableRelease(rawRelease);
    if (typeof release === 'string') return this.problem(line, '/release', release);
    if (release !== undefined && !model.releaseStore) return this.problem(line, '/release', `tree '${tree}' is not versioned: its records have no release state`);
    if (key !== undefined && model.releaseStore && releaseStateOf(this.engine, model, key).released) {
      return this.problem(line, '/key', `${tree} ${keyText(key)} is released in this database: a released record is never replaced`);
    }
    this.checkReferences(line, model, key, checked.value);
    return { model, key, value: json, release };
  }

  private checkReferences(line: number, model: TreeModel, key: KeyValue | undefined, value: unknown): void {
    for (const ref of model.references) {
      const target = this.engine.model(ref.stored.target);
      for (const targetKey of ref.targets(value)) {
        if (target === model && key !== undefined && keyText(targetKey) === keyText(key)) continue;
        if (this.keys.has(recordId(target.name, targetKey)) || this.engine.records(target).has(targetKey)) continue;
        const field = ref.stored.fields?.[0] ?? ref.stored.path;
        this.waiting.push({ line, path: `/value/${field.replaceAll('.', '/').replaceAll('[]', '')}`, target: target.name, key: targetKey });
      }
    }
  }

  private valueProblems(line: number, issues: readonly ValidationIssue[]): undefined {
    for (const issue of issues) this.problem(line, `/value${issue.path}`, issue.message);
    return undefined;
  }

  private problem(line: number, path: string, message: string): undefined {
    if (!this.full) this.problems.push({ line, path, message });
    return undefined;
  }
}

/** A line's `release`, checked: `{ released: boolean, lifecycle: whole number from 0 }`, or why not. */
export function portableRelease(raw: unknown): PortableRelease | string {
  const { released, lifecycle } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof released !== 'boolean' || typeof lifecycle !== 'number' || !Number.isSafeInteger(lifecycle) || lifecycle < 0) {
    return 'expected { "released": true or false, "lifecycle": a whole number from 0 }';
  }
  return { released, lifecycle };
}
