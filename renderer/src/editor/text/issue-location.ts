/**
 * Where an issue goes in the text. The host names places by JSON Pointer
 * (`/tags/2/name`, '' for the whole value); the marker should sit on what the
 * user must change: the offending value, the name of an unknown field, or the
 * field holding an object that lacks something.
 */
import type { DocumentNode, ValueNode } from '@humanwhocodes/momoa';
import type { Span, TextProblem } from './json5-text.js';
import { problemMessage } from '../session/problem-wording.js';
import { findMember, parsePointer, resolve, spanOf, walkValues, memberName } from './ast-paths.js';

export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** The engine's message for closed objects: "unknown field 'x'" / "unknown fields 'x', 'y'". */
const UNKNOWN_FIELDS = /unknown fields? ((?:'[^']*'(?:, )?)+)/;

export function unknownFieldNames(message: string): string[] {
  const list = UNKNOWN_FIELDS.exec(message)?.[1];
  return list ? [...list.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '') : [];
}

/** One or more problems for an issue (one per unknown field). */
export function locateIssue(document: DocumentNode, issue: Issue): TextProblem[] {
  const segments = parsePointer(issue.path);
  const { node, member, complete } = resolve(document, segments);
  // The field is named in the message too: the list shows messages without their place in the text.
  const message = problemMessage(issue.path, issue.message);
  const unknown = complete ? unknownFieldNames(issue.message) : [];
  const names = unknown.flatMap((name) => {
    const m = findMember(node, name);
    return m ? [{ ...spanOf(m.name), message: `unknown field '${name}'` }] : [];
  });
  if (names.length > 0) {
    // Anything said besides the unknown fields still needs its own marker.
    const rest = issue.message.split('; ').filter((part) => !UNKNOWN_FIELDS.test(part));
    return rest.length > 0 ? [...names, { ...containerSpan(node, member), message: problemMessage(issue.path, rest.join('; ')) }] : names;
  }
  return [{ ...containerSpan(node, member), message }];
}

/** Scalars are marked whole; a container by its field's name (or its opening bracket), not by a dozen squiggled lines. */
function containerSpan(node: ValueNode, member: { name: ValueNode | { loc: ValueNode['loc'] } } | undefined): Span {
  if (node.type !== 'Object' && node.type !== 'Array') return spanOf(node);
  if (member) return spanOf(member.name);
  const { line, column } = node.loc.start;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/**
 * Checks the host cannot make because they are lost on the way: a duplicate
 * field silently keeps the last value, and JSON (the transport) has no
 * Infinity or NaN.
 */
/** The host's limit on nesting (app/host/plain-json.ts). */
const MAX_NESTING = 200;

export function localProblems(document: DocumentNode): TextProblem[] {
  const problems: TextProblem[] = [];
  let tooDeep = false;
  walkValues(document.body, (node, path) => {
    if (path.length > MAX_NESTING && !tooDeep) {
      // The host refuses such values (app/host/plain-json.ts), and a transport may not even carry them.
      tooDeep = true;
      problems.push({ ...spanOf(node), message: `nested too deeply: more than ${MAX_NESTING} levels cannot be stored` });
    }
    if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const m of node.members) {
        const name = memberName(m);
        if (seen.has(name)) problems.push({ ...spanOf(m.name), message: `duplicate field '${name}'` });
        seen.add(name);
      }
    }
    if (node.type === 'NaN' || node.type === 'Infinity' || (node.type === 'Number' && !Number.isFinite(node.value))) {
      problems.push({ ...spanOf(node), message: 'cannot be stored: JSON has no Infinity or NaN' });
    }
  });
  return problems;
}

/** Problems in reading order, so the list and the markers agree. */
export function sortProblems(problems: readonly TextProblem[]): TextProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
