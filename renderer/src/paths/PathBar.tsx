/**
 * The record panel's path bar: a path from the record on screen
 * (`owner->email`, `<-tasks.project`), completed from the catalog as it is
 * typed, checked against the schema here (the step that does not fit is named
 * at once), then resolved by the host (records.resolvePath): each result's
 * value and the records it went through, as links. The path typed is kept per
 * tree for this window, so the next record of the tree shows the same path.
 */
import { useState, type JSX } from 'react';
import type { DatabaseInfo, JsonKey } from '../../../app/contract/index.js';
import { completePath } from '@trellis/engine/common/path-completion';
import { RefLink } from '../references/RefLink.js';
import { PathInput } from './PathInput.js';
import { PathResults } from './PathResults.js';
import { pathTreesOf } from './path-trees.js';
import { usePathResolution, type PathOutcome } from './use-path-resolution.js';

/** The last path typed per database and tree, for this window (a record's panel is made anew for each record). */
const lastPaths = new Map<string, string>();

export function PathBar({ database, tree, recordKey }: { database: DatabaseInfo; tree: string; recordKey: JsonKey }): JSX.Element {
  const trees = pathTreesOf(database.trees);
  const remembered = `${database.path}\u0000${tree}`;
  const [text, setText] = useState(() => lastPaths.get(remembered) ?? '');
  /** Enter was pressed on this text: an unfinished path (`owner->`) says what it lacks, instead of waiting for more. */
  const [submitted, setSubmitted] = useState(false);
  const { check, outcome } = usePathResolution(trees, tree, recordKey, text);
  const change = (next: string) => {
    setText(next);
    setSubmitted(false);
    lastPaths.set(remembered, next);
  };
  // A path still being typed (`pro`, `owner->`) is not a mistake yet: its problem waits while completion can carry it on, or until Enter.
  const unfinished = outcome.kind === 'invalid' && ((outcome.step === 0 && outcome.at >= text.trimEnd().length) || completePath(trees, tree, text).options.length > 0);
  return (
    <section className="path-bar" data-testid="path-bar" aria-label="Path from this record">
      <div className="path-bar-row">
        <span className="path-bar-label" aria-hidden="true">
          Path
        </span>
        <PathInput
          trees={trees}
          tree={tree}
          value={text}
          label="Path from this record"
          placeholder="Path from this record, e.g. owner->email or <-tasks.project"
          testId="path-input"
          onChange={change}
          onSubmit={() => setSubmitted(true)}
        />
        {text !== '' && (
          <button type="button" className="icon-button" data-testid="path-clear" aria-label="Clear the path" title="Clear the path" onClick={() => change('')}>
            ✕
          </button>
        )}
      </div>
      {!(unfinished && !submitted) && <Outcome outcome={outcome} ends={check?.ok ? check.plan.ends : undefined} />}
    </section>
  );
}

function Outcome({ outcome, ends }: { outcome: PathOutcome; ends: Parameters<typeof PathResults>[0]['ends'] }): JSX.Element | null {
  switch (outcome.kind) {
    case 'idle':
      return null;
    case 'loading':
      return <div className="path-results muted" data-testid="path-loading">Resolving…</div>;
    case 'results':
      return <PathResults matches={outcome.matches} truncated={outcome.truncated} ends={ends} />;
    case 'failed':
      return (
        <div className="path-problem" data-testid="path-problem" data-kind="failed" role="alert">
          {outcome.message}
        </div>
      );
    case 'invalid':
      return (
        <div className="path-problem" data-testid="path-problem" data-kind="invalid" data-step={outcome.step} data-at={outcome.at} role="alert">
          <span className="path-problem-where">{outcome.step === 0 ? `At character ${outcome.at + 1}` : `Step ${outcome.step}`}</span>
          {outcome.text !== '' && <code className="path-problem-step">{outcome.text}</code>}
          <span>{outcome.reason}</span>
        </div>
      );
    case 'bad':
      return (
        <div className="path-problem" data-testid="path-problem" data-kind="bad" data-step={outcome.step} role="alert">
          <span className="path-problem-where">{outcome.step === 0 ? 'The record' : `Step ${outcome.step}`}</span>
          {outcome.text !== '' && <code className="path-problem-step">{outcome.text}</code>}
          {outcome.record !== undefined && outcome.step > 0 && (
            <span className="path-problem-record">
              stops at <RefLink target={outcome.record} />
            </span>
          )}
          <span>{outcome.reason}</span>
        </div>
      );
  }
}
