/**
 * The grid's map from value type to cell component: the one place where the
 * headless value types meet React (STYLE.md 5, 10). A type missing here is
 * drawn as JSON, and cell-for.test.ts fails.
 */
import { arrayType } from '../../values/array.js';
import { booleanType } from '../../values/boolean.js';
import { bytesType } from '../../values/bytes.js';
import { enumType } from '../../values/enum.js';
import { jsonType } from '../../values/json.js';
import { numberType } from '../../values/number.js';
import { objectType } from '../../values/object.js';
import { referenceListType } from '../../values/reference-list.js';
import { referenceType } from '../../values/reference.js';
import { stringType } from '../../values/string.js';
import { timestampType } from '../../values/timestamp.js';
import type { ValueType } from '../../values/value-type.js';
import {
  ArrayCell,
  BooleanCell,
  BytesCell,
  EnumCell,
  JsonCell,
  NumberCell,
  ObjectCell,
  ReferenceCell,
  ReferenceListCell,
  StringCell,
  TimestampCell,
  type CellComponent,
} from './value-cells.js';

export const CELLS: ReadonlyMap<ValueType, CellComponent> = new Map<ValueType, CellComponent>([
  [referenceType, ReferenceCell],
  [referenceListType, ReferenceListCell],
  [bytesType, BytesCell],
  [timestampType, TimestampCell],
  [enumType, EnumCell],
  [booleanType, BooleanCell],
  [numberType, NumberCell],
  [stringType, StringCell],
  [objectType, ObjectCell],
  [arrayType, ArrayCell],
  [jsonType, JsonCell],
]);

export function cellFor(type: ValueType): CellComponent {
  return CELLS.get(type) ?? JsonCell;
}
