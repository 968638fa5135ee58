/**
 * What `table-count` says. A whole tree knows its count; an index filter
 * learns it as it pages (`rowCount` is the rows seen plus one block while more
 * may exist), so until it is exact it says how many were seen, with a plus.
 */
export interface CountState {
  readonly filtered: boolean;
  readonly rowCount: number;
  readonly exact: boolean;
  readonly blockSize: number;
  readonly error?: string | undefined;
}

const number = (n: number) => n.toLocaleString('en-US');

export function countText({ filtered, rowCount, exact, blockSize, error }: CountState): string {
  if (!filtered) return `${number(rowCount)} ${rowCount === 1 ? 'record' : 'records'}`;
  if (exact) return `${number(rowCount)} matching`;
  // Before the first block arrives (or when it failed) nothing has been seen yet.
  const seen = Math.max(0, rowCount - blockSize);
  if (seen === 0) return error ? 'matching rows unknown' : 'counting matches…';
  return `${number(seen)}+ matching`;
}
