/**
 * Walking momoa's AST by value path: the bridge between JSON Pointers (how
 * the host names a place in a value) and positions in the text.
 */
import type { DocumentNode, MemberNode, ValueNode } from '@humanwhocodes/momoa';
import type { Span } from './json5-text.js';

export type PathSegment = string | number;

export function memberName(member: MemberNode): string {
  return member.name.type === 'Identifier' ? member.name.name : member.name.value;
}

export function spanOf(node: { readonly loc: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } } }): Span {
  return { line: node.loc.start.line, column: node.loc.start.column, endLine: node.loc.end.line, endColumn: node.loc.end.column };
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The member of an object with this name; the last one wins, as in evaluation. */
export function findMember(node: ValueNode, name: string): MemberNode | undefined {
  if (node.type !== 'Object') return undefined;
  let found: MemberNode | undefined;
  for (const member of node.members) if (memberName(member) === name) found = member;
  return found;
}

export interface Resolved {
  /** The deepest node reached; equals the target when `complete`. */
  readonly node: ValueNode;
  /** The member holding `node`, when it is an object's field. */
  readonly member: MemberNode | undefined;
  readonly complete: boolean;
}

/** Follows pointer segments from the document's body as far as the text goes. */
export function resolve(document: DocumentNode, segments: readonly string[]): Resolved {
  let node: ValueNode = document.body;
  let member: MemberNode | undefined;
  for (const segment of segments) {
    if (node.type === 'Object') {
      const next = findMember(node, segment);
      if (!next) return { node, member, complete: false };
      member = next;
      node = next.value;
    } else if (node.type === 'Array' && /^\d+$/.test(segment) && node.elements[Number(segment)]) {
      member = undefined;
      node = (node.elements[Number(segment)] as { value: ValueNode }).value;
    } else {
      return { node, member, complete: false };
    }
  }
  return { node, member, complete: true };
}

/** Calls `visit` for every value node with its path (pre-order). */
export function walkValues(node: ValueNode, visit: (node: ValueNode, path: readonly PathSegment[]) => void, path: PathSegment[] = []): void {
  // Its own stack, in the same (pre-)order: text nested thousands deep must not overflow the call stack.
  const pending: [ValueNode, PathSegment[]][] = [[node, path]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, at] = next;
    visit(current, at);
    const children: [ValueNode, PathSegment[]][] =
      current.type === 'Object' ? current.members.map((m) => [m.value, [...at, memberName(m)]]) : current.type === 'Array' ? current.elements.map((e, i) => [e.value, [...at, i]]) : [];
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}
