/**
 * One cell component per value type (STYLE.md 10). Text comes from the
 * headless value type; the cell only chooses how to draw it.
 */
import type { JSX } from 'react';
import { summariseArray } from '../../values/array.js';
import { describeBytes } from '../../values/bytes.js';
import { jsonText } from '../../values/json.js';
import { numberText } from '../../values/number.js';
import { summariseObject } from '../../values/object.js';
import { referenceItemSchema } from '../../values/reference-list.js';
import { referenceText } from '../../values/reference.js';
import type { JsonSchema } from '../../values/value-type.js';
import { formatTimestamp } from '../../values/timestamp.js';
import { RefLink } from '../../references/RefLink.js';
import { NestedCell } from './NestedCell.js';
import { PlainCell } from './PlainCell.js';

export interface CellProps {
  readonly value: unknown;
  readonly schema: JsonSchema;
}

export type CellComponent = (props: CellProps) => JSX.Element;

export const StringCell: CellComponent = ({ value }) => <PlainCell kind="string" text={String(value)} />;

export const NumberCell: CellComponent = ({ value }) => <PlainCell kind="number" text={numberText(value)} />;

export const BooleanCell: CellComponent = ({ value }) => <PlainCell kind={value ? 'boolean-true' : 'boolean-false'} text={value ? '✓ true' : '✗ false'} />;

export const EnumCell: CellComponent = ({ value }) => <PlainCell kind="enum" text={String(value)} />;

export const TimestampCell: CellComponent = ({ value }) => <PlainCell kind="timestamp" text={formatTimestamp(value)} title={String(value)} />;

export const BytesCell: CellComponent = ({ value }) => <PlainCell kind="bytes" text={describeBytes(value)} />;

export const ObjectCell: CellComponent = ({ value }) => <NestedCell kind="object" text={summariseObject(value)} value={value} />;

export const ArrayCell: CellComponent = ({ value }) => <NestedCell kind="array" text={summariseArray(value)} value={value} />;

export const JsonCell: CellComponent = ({ value }) => <PlainCell kind="json" text={jsonText(value)} />;

export const ReferenceCell: CellComponent = ({ value, schema }) => <RefLink target={referenceText(value, schema)} />;

const LINKS_SHOWN = 3;

/** How many references, then the first few as links (labelled where the host sent labels), then how many more. */
export const ReferenceListCell: CellComponent = ({ value, schema }) => {
  if (!Array.isArray(value)) return <span className="cell-value cell-json">{JSON.stringify(value)}</span>;
  if (value.length === 0) return <span className="cell-value cell-empty">[]</span>;
  return (
    <span className="cell-value cell-reference-list">
      <span className="ref-count" data-testid="ref-count" title={`${value.length} references`}>
        {value.length}
      </span>
      {value.slice(0, LINKS_SHOWN).map((key, i) => (
        <RefLink key={i} target={referenceText(key, referenceItemSchema(schema))} />
      ))}
      {value.length > LINKS_SHOWN && <span className="muted">+{value.length - LINKS_SHOWN}</span>}
    </span>
  );
};
