/**
 * The table's request for a block of a tree in key order. The boot script
 * (boot/first-screen.ts) asks for block 0 ahead with these same arguments,
 * so it imports this module, which must stay free of React and runtime imports.
 */
import type { ArgsOf, JsonKey } from '../../../../app/contract/index.js';

/** Rows per block of the table (and per request). */
export const BLOCK_SIZE = 100;

/** Block `block` by offset, or the block after `after` by key. */
export function treePageArgs(tree: string, block: number, limit: number, after?: JsonKey): ArgsOf<'records.page'> {
  return after === undefined ? { tree, limit, offset: block * limit } : { tree, limit, after };
}
