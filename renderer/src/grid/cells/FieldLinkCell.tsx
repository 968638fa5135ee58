/**
 * The cell of a field that carries a reference over existing fields (grid/core/columns.ts `fieldLinks`):
 * the target's label with the field's own value (`Île-de-France IDF`), following to the key the row's
 * fields make (`states/["FR","IDF"]`). A field that is a reference itself keeps its own link first.
 */
import type { JSX } from 'react';
import { RefLink } from '../../references/RefLink.js';
import type { JsonSchema, ValueType } from '../../values/value-type.js';
import type { CellComponent } from './value-cells.js';

export interface FieldLinkCellProps {
  readonly value: unknown;
  readonly schema: JsonSchema;
  readonly type: ValueType;
  /** Where the field references lead (cell-targets.ts `fieldLinkTargets`), at least one. */
  readonly targets: readonly string[];
  /** The field's own cell when the field is a reference itself (its link stays), else undefined. */
  readonly Own: CellComponent | undefined;
}

export function FieldLinkCell({ value, schema, type, targets, Own }: FieldLinkCellProps): JSX.Element {
  return (
    <span className="cell-value cell-field-links">
      {Own && <Own value={value} schema={schema} />}
      {targets.map((target) => (
        <RefLink key={target} target={target} {...(Own ? {} : { keyText: type.text(value, schema) })} />
      ))}
    </span>
  );
}
