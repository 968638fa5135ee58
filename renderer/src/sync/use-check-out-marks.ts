/** The table's row marks for a check-out tree: a padlock on each record checked out now, mine apart from others'. */
import { useMemo } from 'react';
import type { RowMarks } from '../grid/row-marks.js';
import { rowMark } from './core/lease-text.js';
import { useChecksOut, useLeases } from './sync-context.js';

const NONE: RowMarks = () => undefined;

export function useCheckOutMarks(tree: string): RowMarks {
  const checksOut = useChecksOut(tree);
  const { leases, now } = useLeases();
  const version = leases.version();
  return useMemo(() => {
    if (!checksOut) return NONE;
    return (text) => {
      const mark = rowMark(text, leases.of(text), now);
      return mark && { kind: `checked-out-${mark.holder}`, title: mark.title };
    };
    // `version`: a new function when a check-out changes, so the rows draw their marks again.
  }, [checksOut, leases, version, now]);
}
