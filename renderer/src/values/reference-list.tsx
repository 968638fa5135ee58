/** A list of references: the first few as links, then how many more. */
import { RefLink } from '../references/RefLink.js';
import { referenceText } from './reference.js';
import { KIND, withoutNull, type JsonSchema, type ValueType } from './value-type.js';

const LINKS_SHOWN = 3;

const itemSchema = (schema: JsonSchema): JsonSchema => (withoutNull(schema)['items'] ?? {}) as JsonSchema;

export const referenceListType: ValueType = {
  id: 'reference-list',
  matches: (schema) => withoutNull(schema)['type'] === 'array' && itemSchema(schema)[KIND] === 'ref',
  text: (value, schema) => (Array.isArray(value) ? value.map((key) => referenceText(key, itemSchema(schema))).join(', ') : String(value)),
  Cell: ({ value, schema }) => {
    if (!Array.isArray(value)) return <span className="cell-value cell-json">{JSON.stringify(value)}</span>;
    if (value.length === 0) return <span className="cell-value cell-empty">[]</span>;
    return (
      <span className="cell-value cell-reference-list">
        {value.slice(0, LINKS_SHOWN).map((key, i) => (
          <RefLink key={i} target={referenceText(key, itemSchema(schema))} />
        ))}
        {value.length > LINKS_SHOWN && <span className="muted">+{value.length - LINKS_SHOWN}</span>}
      </span>
    );
  },
  width: 220,
};
