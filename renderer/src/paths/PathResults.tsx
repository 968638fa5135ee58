/**
 * A path's results in the path bar: each result's value — drawn as the value's
 * own cell (a reference as its labelled link), a whole record as a short
 * summary — then the records it went through after this one, as labelled links
 * that open them. A fan-out lists every result asked for, and says when more
 * were left out.
 */
import { Fragment, type JSX } from 'react';
import type { PathPlace } from '@trellis/engine/common/path-plan';
import type { PathMatch } from '../../../app/contract/index.js';
import { cellFor } from '../grid/cells/cell-for.js';
import { RefLink } from '../references/RefLink.js';
import { summariseObject } from '../values/object.js';
import { valueTypeFor } from '../values/registry.js';

export function PathResults({ matches, truncated, ends }: { matches: readonly PathMatch[]; truncated: boolean; ends: PathPlace | undefined }): JSX.Element {
  if (matches.length === 0) {
    return (
      <div className="path-results path-results-empty muted" data-testid="path-results" data-count={0}>
        No results: nothing refers here that way.
      </div>
    );
  }
  return (
    <div className="path-results" data-testid="path-results" data-count={matches.length} data-truncated={truncated || undefined}>
      {matches.length > 1 && (
        <div className="path-results-summary muted">
          {matches.length}
          {truncated ? '+' : ''} results
        </div>
      )}
      <ol className="path-match-list">
        {matches.map((match, i) => (
          <li key={i} className="path-match" data-testid="path-match">
            <span className="path-value" data-testid="path-value">
              <MatchValue match={match} ends={ends} />
            </span>
            <Hops match={match} />
          </li>
        ))}
      </ol>
      {truncated && (
        <div className="path-more muted" data-testid="path-more">
          More results not shown: the first {matches.length} are listed.
        </div>
      )}
    </div>
  );
}

function MatchValue({ match, ends }: { match: PathMatch; ends: PathPlace | undefined }): JSX.Element {
  const value = match.value;
  if (value === undefined) return <span className="cell-value cell-absent-text muted">not set</span>;
  if (value === null) return <span className="cell-value cell-null">null</span>;
  if (ends?.kind !== 'value') {
    const text = typeof value === 'object' ? summariseObject(value) : String(value);
    return (
      <span className="cell-value cell-json" title={JSON.stringify(value, null, 2)}>
        {text}
      </span>
    );
  }
  const type = valueTypeFor(ends.node);
  const Cell = cellFor(type);
  return <Cell value={value} schema={ends.node} />;
}

/** The records the result went through after this one (the first hop is the record itself). */
function Hops({ match }: { match: PathMatch }): JSX.Element | null {
  const hops = match.hops.slice(1);
  if (hops.length === 0) return null;
  return (
    <span className="path-hops" aria-label="through">
      {hops.map((hop, i) => (
        <Fragment key={`${hop.text}\u0000${i}`}>
          <span className="path-hop-arrow" aria-hidden="true">
            {i === 0 ? 'via' : '→'}
          </span>
          <span className="path-hop" data-testid="path-hop" data-target={hop.text}>
            <RefLink target={hop.text} {...(hop.label === undefined ? {} : { label: hop.label })} />
          </span>
        </Fragment>
      ))}
    </span>
  );
}
