/** The diagram's SVG shapes: a tree's box, a reference's arrow with its label, the arrowhead. */
import type { JSX } from 'react';
import { BOX, type DiagramArrow, type DiagramBox } from './core/schema-graph.js';
import { onDeleteMeaning } from './core/schema-sheet.js';

export function DiagramDefs(): JSX.Element {
  return (
    <defs>
      {(['', 'cascade'] as const).map((kind) => (
        <marker key={kind} id={`diagram-arrowhead${kind && `-${kind}`}`} className={`diagram-arrowhead ${kind}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 1 L 10 5 L 0 9 z" />
        </marker>
      ))}
    </defs>
  );
}

export function DiagramBoxShape({ box, count, marked, onOpen }: { box: DiagramBox; count: number; marked: boolean; onOpen(tree: string, byKeyboard: boolean): void }): JSX.Element {
  const { x, y, width, height } = box;
  const text = (line: number) => y + BOX.headerHeight + BOX.keyHeight + line * BOX.lineHeight - 4;
  return (
    <g
      className={`diagram-box${marked ? ' marked' : ''}`}
      data-testid="diagram-box"
      data-tree={box.tree}
      role="link"
      tabIndex={0}
      aria-label={`${box.tree}, ${count} records, ${box.key}: open`}
      onClick={() => onOpen(box.tree, false)}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onOpen(box.tree, true);
      }}
    >
      <title>{`Open ${box.tree}`}</title>
      <rect className="diagram-box-frame" x={x} y={y} width={width} height={height} rx={6} />
      <path className="diagram-box-header" d={`M ${x} ${y + BOX.headerHeight} V ${y + 6} q 0 -6 6 -6 H ${x + width - 6} q 6 0 6 6 V ${y + BOX.headerHeight} Z`} />
      <text className="diagram-box-title" x={x + BOX.paddingX} y={y + 17}>
        {box.tree}
      </text>
      <text className="diagram-box-count" x={x + width - BOX.paddingX} y={y + 17} textAnchor="end">
        {count.toLocaleString('en-US')}
      </text>
      <text className="diagram-box-key" x={x + BOX.paddingX} y={y + BOX.headerHeight + 13}>
        {box.key}
      </text>
      {box.lines.map((line, i) => (
        <text key={line.name} className={`diagram-box-field${line.reference ? ' reference' : ''}`} x={x + BOX.paddingX} y={text(i + 1)}>
          <tspan className="diagram-field-name">{line.name}</tspan>
          {line.keyPart !== undefined && <tspan className="diagram-field-key"> #{line.keyPart}</tspan>}
          <tspan className="diagram-field-type" x={x + width - BOX.paddingX} textAnchor="end">
            {line.type}
          </tspan>
        </text>
      ))}
      {box.more > 0 && (
        <text className="diagram-box-more" x={x + BOX.paddingX} y={text(box.lines.length + 1)}>
          + {box.more} more {box.more === 1 ? 'field' : 'fields'}
        </text>
      )}
    </g>
  );
}

export function DiagramArrowShape({ arrow }: { arrow: DiagramArrow }): JSX.Element {
  const d = arrow.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
  const { label } = arrow;
  return (
    <g className={`diagram-arrow on-delete-${arrow.onDelete}`} data-testid="diagram-arrow" data-from={arrow.from} data-to={arrow.to} data-path={arrow.path} data-on-delete={arrow.onDelete}>
      <title>{`${arrow.from}.${arrow.path} → ${arrow.to}: ${onDeleteMeaning({ onDelete: arrow.onDelete, many: arrow.path.endsWith('[]') })}`}</title>
      <path className="diagram-arrow-line" d={d} markerEnd={arrow.onDelete === 'cascade' ? 'url(#diagram-arrowhead-cascade)' : 'url(#diagram-arrowhead)'} />
      <rect className="diagram-arrow-label-bg" x={label.x} y={label.y} width={label.width} height={label.height} rx={3} />
      <text className="diagram-arrow-label" x={label.x + label.width / 2} y={label.y + label.height - 4} textAnchor="middle">
        {label.text}
      </text>
    </g>
  );
}
