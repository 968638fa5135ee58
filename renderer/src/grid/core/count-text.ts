/**
 * What `table-count` says. A whole tree knows its count; a query learns it as
 * the host reads (`growing`), so until it is done it says how many so far.
 */
export interface CountState {
  /** The view is narrowed by a filter (not only ordered). */
  readonly filtered: boolean;
  /** A query still reading: the count is what it found so far. */
  readonly growing: boolean;
  readonly rowCount: number;
  readonly error?: string | undefined;
}

const number = (n: number) => n.toLocaleString('en-US');

export function countText({ filtered, growing, rowCount, error }: CountState): string {
  if (error && rowCount === 0) return filtered ? 'matching rows unknown' : 'records unknown';
  const noun = filtered ? 'matching' : rowCount === 1 ? 'record' : 'records';
  return growing ? `${number(rowCount)} ${noun} so far…` : `${number(rowCount)} ${noun}`;
}
