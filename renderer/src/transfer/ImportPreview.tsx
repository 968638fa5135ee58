/** The first records as they will be sent: key and value, after the CSV mapping. */
import type { JSX } from 'react';
import type { TreeSummary } from '../../../app/contract/index.js';
import type { ImportRow } from './core/import-parse.js';

const SHOWN = 5;

export function ImportPreview({ tree, rows, fileName }: { tree: TreeSummary; rows: readonly ImportRow[]; fileName: string }): JSX.Element {
  return (
    <div className="import-preview" data-testid="import-preview">
      <div className="muted">
        {fileName}: {rows.length.toLocaleString()} record{rows.length === 1 ? '' : 's'} for {tree.name}
        {rows.length > SHOWN ? `; the first ${SHOWN}:` : ':'}
      </div>
      <table>
        <thead>
          <tr>
            <th>line</th>
            <th>key</th>
            <th>value</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((row) => (
            <tr key={row.line} data-testid="import-preview-row">
              <td className="muted">{row.line}</td>
              <td>{row.key === undefined ? <span className="muted">(made by the tree)</span> : JSON.stringify(row.key)}</td>
              <td className="import-preview-value">{JSON.stringify(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
