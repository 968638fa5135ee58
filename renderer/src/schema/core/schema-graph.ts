/**
 * The whole database as a graph for the schema diagram: one box per tree
 * (name, count, key strategy, its first fields) and one arrow per reference,
 * from the holding tree to the target, labelled with the field and its
 * onDelete rule. `diagramGraph` builds the input of ELK's layered layout
 * (sizes estimated from the text, since layout runs before anything is drawn)
 * and `diagramScene` reads ELK's answer back as boxes and arrows to draw.
 * Plain TypeScript: ELK itself is passed in (the diagram's chunk loads it).
 */
import type { ElkExtendedEdge, ElkNode, ElkPoint, LayoutOptions } from 'elkjs/lib/elk-api';
import type { DatabaseInfo, TreeSummary } from '../../../../app/contract/index.js';
import type { OnDelete } from '@trellis/engine/common/catalog';
import { keySummary, schemaSheet, type FieldRow } from './schema-sheet.js';

/** Box metrics in px, shared with the SVG that draws the boxes. */
export const BOX = {
  headerHeight: 26,
  keyHeight: 18,
  lineHeight: 17,
  paddingX: 10,
  paddingBottom: 8,
  minWidth: 170,
  maxWidth: 300,
  /** Average advance of the 12 px UI font and the 11 px monospace font: generous, so text fits. */
  titleCharWidth: 7.6,
  textCharWidth: 6.8,
} as const;

/** How many fields a box lists before `+ N more` (references are listed in any case: the arrows leave from them). */
export const BOX_FIELDS = 6;
const LABEL_HEIGHT = 16;
const TYPE_CHARS = 22;

export const LAYOUT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.edgeNode': '24',
  'elk.spacing.edgeEdge': '14',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.spacing.componentComponent': '60',
};

export interface BoxLine {
  readonly name: string;
  /** The type, shortened; for a reference `→ target` (`→ target[]` for a list). */
  readonly type: string;
  readonly keyPart?: number;
  readonly reference?: string;
}

export interface DiagramBox {
  readonly tree: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly count: number;
  readonly key: string;
  readonly lines: readonly BoxLine[];
  /** Fields not listed. */
  readonly more: number;
}

export interface DiagramArrow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly path: string;
  readonly onDelete: OnDelete;
  /** Start, bends, end. */
  readonly points: readonly ElkPoint[];
  readonly label: { readonly text: string; readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface DiagramScene {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly DiagramBox[];
  readonly arrows: readonly DiagramArrow[];
}

/** What a box holds before layout: its text, and the size that text needs. */
interface BoxContent {
  readonly tree: TreeSummary;
  readonly key: string;
  readonly lines: readonly BoxLine[];
  readonly more: number;
  readonly width: number;
  readonly height: number;
}

export function arrowLabel(path: string, onDelete: OnDelete): string {
  return `${path} · ${onDelete}`;
}

export const arrowId = (tree: string, path: string): string => `${tree}:${path}`;

/** The layout input: a node per tree, an edge per reference (self references included). */
export function diagramGraph(database: Pick<DatabaseInfo, 'trees'>): ElkNode {
  const names = new Set(database.trees.map((t) => t.name));
  const contents = database.trees.map((tree) => boxContent(tree, database));
  const edges: ElkExtendedEdge[] = database.trees.flatMap((tree) =>
    tree.references
      // A target the catalog does not list has no box to point at.
      .filter((reference) => names.has(reference.target))
      .map((reference) => {
        const text = arrowLabel(reference.path, reference.onDelete);
        return {
          id: arrowId(tree.name, reference.path),
          sources: [tree.name],
          targets: [reference.target],
          labels: [{ text, width: Math.ceil(text.length * BOX.textCharWidth) + 8, height: LABEL_HEIGHT }],
        };
      }),
  );
  return {
    id: 'database',
    layoutOptions: LAYOUT_OPTIONS,
    children: contents.map((content) => ({ id: content.tree.name, width: content.width, height: content.height })),
    edges,
  };
}

function boxContent(tree: TreeSummary, database: Pick<DatabaseInfo, 'trees'>): BoxContent {
  const fields = schemaSheet(tree, database).fields.filter((f) => f.depth === 0);
  const shown = fields.filter((f, i) => i < BOX_FIELDS || f.reference !== undefined);
  const lines = shown.map(boxLine);
  const key = keySummary(tree);
  const more = fields.length - shown.length;
  const title = `${tree.name}  ${tree.count.toLocaleString('en-US')}`;
  const widest = Math.max(
    title.length * BOX.titleCharWidth,
    key.length * BOX.textCharWidth,
    ...lines.map((line) => (line.name.length + line.type.length + 4) * BOX.textCharWidth),
  );
  const width = Math.min(BOX.maxWidth, Math.max(BOX.minWidth, Math.ceil(widest + 2 * BOX.paddingX)));
  const height = BOX.headerHeight + BOX.keyHeight + (lines.length + (more > 0 ? 1 : 0)) * BOX.lineHeight + BOX.paddingBottom;
  return { tree, key, lines, more, width, height };
}

function boxLine(field: FieldRow): BoxLine {
  const reference = field.reference;
  const type = reference ? `→ ${reference.tree}${reference.many ? '[]' : ''}` : shorten(field.type, TYPE_CHARS);
  return { name: field.name, type, ...(field.keyPart !== undefined ? { keyPart: field.keyPart } : {}), ...(reference ? { reference: reference.tree } : {}) };
}

function shorten(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

/** ELK's answer as boxes and arrows: positions from the layout, text from the catalog. */
export function diagramScene(database: Pick<DatabaseInfo, 'trees'>, laidOut: ElkNode): DiagramScene {
  const contents = new Map(database.trees.map((tree) => [tree.name, boxContent(tree, database)]));
  const boxes = (laidOut.children ?? []).flatMap((node): DiagramBox[] => {
    const content = contents.get(node.id);
    if (!content) return [];
    const { tree, key, lines, more } = content;
    return [{ tree: tree.name, x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? content.width, height: node.height ?? content.height, count: tree.count, key, lines, more }];
  });
  const references = new Map(database.trees.flatMap((tree) => tree.references.map((r) => [arrowId(tree.name, r.path), r] as const)));
  const arrows = (laidOut.edges ?? []).flatMap((edge): DiagramArrow[] => {
    const reference = references.get(edge.id);
    const section = edge.sections?.[0];
    const label = edge.labels?.[0];
    const [from] = edge.sources;
    const [to] = edge.targets;
    if (!reference || !section || !from || !to) return [];
    return [
      {
        id: edge.id,
        from,
        to,
        path: reference.path,
        onDelete: reference.onDelete,
        points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
        label: { text: label?.text ?? arrowLabel(reference.path, reference.onDelete), x: label?.x ?? section.startPoint.x, y: label?.y ?? section.startPoint.y, width: label?.width ?? 0, height: label?.height ?? LABEL_HEIGHT },
      },
    ];
  });
  return { width: laidOut.width ?? 0, height: laidOut.height ?? 0, boxes, arrows };
}

/** The part of ELK the diagram uses (the bundled build in the browser, the same in tests). */
export interface Layouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export async function layoutDiagram(database: Pick<DatabaseInfo, 'trees'>, elk: Layouter): Promise<DiagramScene> {
  return diagramScene(database, await elk.layout(diagramGraph(database)));
}
