/** The problems under the editor; clicking one puts the cursor on it. */
import type { JSX } from 'react';
import type { TextProblem } from './text/json5-text.js';

export interface ProblemsListProps {
  readonly problems: readonly TextProblem[];
  readonly onSelect: (problem: TextProblem) => void;
}

export function ProblemsList({ problems, onSelect }: ProblemsListProps): JSX.Element {
  return (
    <ul className="editor-problems" data-testid="editor-problems" aria-label="Problems" hidden={problems.length === 0}>
      {problems.map((p, i) => (
        <li key={`${p.line}:${p.column}:${i}`}>
          <span className="editor-problem-where" aria-hidden="true">
            {p.line}:{p.column}
          </span>
          <button
            type="button"
            className="editor-problem"
            data-testid="editor-problem"
            data-line={p.line}
            data-column={p.column}
            title={`Line ${p.line}, column ${p.column}`}
            onClick={() => onSelect(p)}
          >
            {p.message}
          </button>
        </li>
      ))}
    </ul>
  );
}
