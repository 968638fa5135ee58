/**
 * Marks on rows that the table draws but does not decide: the view that shows
 * the table says which records carry one (a replica's check-outs: renderer/src/sync),
 * with its kind (for its look) and a sentence for its tooltip.
 */
import { createContext } from 'react';

export interface RowMark {
  /** `checked-out-mine`, `checked-out-other`: CSS and tests tell marks apart by it. */
  readonly kind: string;
  readonly title: string;
}

/** The mark of a record by its OpaqueKey text; none by default. */
export type RowMarks = (text: string) => RowMark | undefined;

export const RowMarksContext = createContext<RowMarks>(() => undefined);
