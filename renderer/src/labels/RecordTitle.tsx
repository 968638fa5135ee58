/**
 * The record panel's title: the record's label, its key beneath in a quieter
 * style with a button that copies it. The label is read from the record shown
 * and noted in the label book, so breadcrumbs and links to it use it too.
 */
import { useEffect, useState, type JSX } from 'react';
import type { RecordEntry, TreeSummary } from '../../../app/contract/index.js';
import { useRecordLookup } from '../state/contexts.js';
import { recordLabel, useLabel } from './use-label.js';

export function RecordTitle({ tree, text, entry }: { tree: TreeSummary; text: string; entry: RecordEntry | null | undefined }): JSX.Element {
  const labels = useRecordLookup().labels;
  const own = entry ? recordLabel(tree, entry) : undefined;
  useEffect(() => {
    if (own !== undefined) labels.note({ [text]: own });
  }, [labels, text, own]);
  // Until the record arrives, what a link to it said.
  const label = useLabel(text) ?? own;
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  useEffect(() => setCopied(false), [text]);

  return (
    <div className="record-panel-title-block">
      <h2 className="record-panel-title" data-testid="record-title" data-label={label} title={label ? `${label}\n${text}` : text}>
        {label ?? text}
      </h2>
      <div className="record-panel-key">
        {label !== undefined && (
          <span className="labelled-key" data-testid="record-key">
            {text}
          </span>
        )}
        <button type="button" className="link-button copy-key" data-testid="copy-key" onClick={copy} title={`Copy ${text}`}>
          {copied ? 'Copied' : 'Copy key'}
        </button>
      </div>
    </div>
  );
}
