/**
 * The diagram of the whole database: a box per tree, an arrow per reference
 * labelled with its field and onDelete rule, laid out by ELK (its bundled
 * build, run in this window: the CSP allows no eval, and a worker would be one
 * more file for a layout of a few dozen boxes that takes milliseconds). Wheel
 * zooms around the pointer, dragging pans, Fit shows it all; a click on a box
 * (or Enter on it) opens that tree. This module and ELK are a chunk of their own.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { useEffect, useLayoutEffect, useRef, useState, type JSX, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { DatabaseInfo } from '../../../app/contract/index.js';
import { layoutDiagram, type DiagramScene } from './core/schema-graph.js';
import { fitViewport, panBy, zoomAt, type Viewport } from './core/viewport.js';
import { DiagramArrowShape, DiagramBoxShape, DiagramDefs } from './DiagramShapes.js';
import './schema.css';

const elk = new ELK();
const WHEEL_ZOOM = 1.0015;
/** A press that moved less than this is a click, not a pan. */
const CLICK_SLOP_PX = 4;

export function SchemaDiagram({ database, from, onOpenTree }: { database: DatabaseInfo; from: string; onOpenTree(tree: string): void }): JSX.Element {
  const scene = useScene(database);
  const frame = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  /** Whether the last press was a drag: the click that ends it opens nothing. */
  const dragged = useRef(false);

  const fit = () => {
    const box = frame.current?.getBoundingClientRect();
    if (scene.kind === 'ready' && box) setViewport(fitViewport(scene.scene, box));
  };
  // Fit once the layout is there (and again when the trees change), before paint.
  useLayoutEffect(fit, [scene]);
  useWheelZoom(frame, setViewport);

  const onPointerDown = (event: ReactPointerEvent) => {
    if (event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
    dragged.current = false;
  };
  const onPointerMove = (event: ReactPointerEvent) => {
    const start = drag.current;
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!start.moved && Math.hypot(dx, dy) < CLICK_SLOP_PX) return;
    if (!start.moved) frame.current?.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, moved: true };
    setViewport((v) => v && panBy(v, dx, dy));
  };
  const onPointerUp = () => {
    dragged.current = drag.current?.moved ?? false;
    drag.current = null;
  };
  const open = (tree: string, byKeyboard: boolean) => {
    if (byKeyboard || !dragged.current) onOpenTree(tree);
  };
  const counts = new Map(database.trees.map((t) => [t.name, t.count]));
  const zoomBy = (factor: number) => {
    const box = frame.current?.getBoundingClientRect();
    if (box) setViewport((v) => v && zoomAt(v, factor, box.width / 2, box.height / 2));
  };

  return (
    <div className="schema-diagram" data-testid="schema-diagram" data-state={scene.kind}>
      <div className="table-toolbar" role="toolbar" aria-label="Schema diagram">
        <h1 className="tree-title">Schema diagram</h1>
        <span className="table-count">
          {database.trees.length} {database.trees.length === 1 ? 'tree' : 'trees'}, {database.trees.reduce((n, t) => n + t.references.length, 0)} references
        </span>
        <span className="spacer" />
        <span className="muted diagram-hint">Wheel to zoom, drag to pan, click a tree to open it</span>
        <button type="button" className="icon-button" data-testid="diagram-zoom-out" aria-label="Zoom out" onClick={() => zoomBy(1 / 1.25)}>
          −
        </button>
        <span className="diagram-scale" data-testid="diagram-scale">
          {viewport ? `${Math.round(viewport.scale * 100)}%` : ''}
        </span>
        <button type="button" className="icon-button" data-testid="diagram-zoom-in" aria-label="Zoom in" onClick={() => zoomBy(1.25)}>
          +
        </button>
        <button type="button" data-testid="diagram-fit" onClick={fit}>
          Fit
        </button>
      </div>
      <div ref={frame} className="diagram-frame" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}>
        {scene.kind === 'loading' && <div className="empty-state">Laying out {database.trees.length} trees…</div>}
        {scene.kind === 'failed' && <div className="empty-state error-text">The layout failed: {scene.message}</div>}
        {scene.kind === 'ready' && viewport && (
          <svg className="diagram-svg" role="group" aria-label={`Diagram of ${database.trees.length} trees and the references between them`}>
            <DiagramDefs />
            <g transform={`translate(${viewport.x} ${viewport.y}) scale(${viewport.scale})`}>
              {scene.scene.arrows.map((arrow) => (
                <DiagramArrowShape key={arrow.id} arrow={arrow} />
              ))}
              {scene.scene.boxes.map((box) => (
                <DiagramBoxShape key={box.tree} box={box} count={counts.get(box.tree) ?? box.count} marked={box.tree === from} onOpen={open} />
              ))}
            </g>
          </svg>
        )}
      </div>
    </div>
  );
}

type SceneState = { kind: 'loading' } | { kind: 'ready'; scene: DiagramScene } | { kind: 'failed'; message: string };

/** Lays the catalog out again when its trees or references change (counts are redrawn with the same layout). */
function useScene(database: DatabaseInfo): SceneState {
  const [state, setState] = useState<SceneState>({ kind: 'loading' });
  const shape = JSON.stringify(database.trees.map((t) => [t.name, t.key, t.value, t.references]));
  const latest = useRef(database);
  latest.current = database;
  useEffect(() => {
    let current = true;
    layoutDiagram(latest.current, elk).then(
      (scene) => current && setState({ kind: 'ready', scene }),
      (error: unknown) => current && setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [shape]);
  return state;
}

/** A wheel listener that may preventDefault (React's are passive): the page must not scroll while zooming. */
function useWheelZoom(frame: RefObject<HTMLDivElement | null>, setViewport: (update: (v: Viewport | null) => Viewport | null) => void): void {
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      setViewport((v) => v && zoomAt(v, WHEEL_ZOOM ** -event.deltaY, event.clientX - box.left, event.clientY - box.top));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [frame, setViewport]);
}
