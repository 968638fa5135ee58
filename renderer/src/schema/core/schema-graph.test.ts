import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { DatabaseInfo, TreeSummary } from '../../../../app/contract/index.js';
import { e2eDatabase, geoDatabase, people } from './catalogs.test-support.js';
import { BOX_FIELDS, diagramGraph, layoutDiagram, type DiagramBox, type DiagramScene } from './schema-graph.js';

type Rect = { x: number; y: number; width: number; height: number };
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (box: DiagramBox, point: { x: number; y: number }) =>
  point.x >= box.x - 1 && point.x <= box.x + box.width + 1 && point.y >= box.y - 1 && point.y <= box.y + box.height + 1 &&
  (Math.abs(point.x - box.x) < 1 || Math.abs(point.x - box.x - box.width) < 1 || Math.abs(point.y - box.y) < 1 || Math.abs(point.y - box.y - box.height) < 1);

/** A tree of managers: a reference to its own tree, nullable, set to null when the manager goes. */
const staff: TreeSummary = {
  ...people,
  name: 'staff',
  value: { type: 'object', properties: { name: { type: 'string' }, manager: { 'x-trellis': 'ref', 'x-ref': 'staff', 'x-on-delete': 'setNull', anyOf: [{ type: 'integer' }, { type: 'null' }] } } },
  indexes: [],
  references: [{ path: 'manager', target: 'staff', onDelete: 'setNull', many: false }],
  referencedFrom: [{ tree: 'staff', path: 'manager' }],
};

/** A wide tree: more fields than a box lists, the reference last. */
const wide: TreeSummary = {
  ...people,
  name: 'wide',
  value: {
    type: 'object',
    properties: {
      ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, { type: 'string' }])),
      person: { 'x-trellis': 'ref', 'x-ref': 'people', 'x-on-delete': 'cascade', type: 'integer' },
    },
  },
  indexes: [],
  references: [{ path: 'person', target: 'people', onDelete: 'cascade', many: false }],
  referencedFrom: [],
};

describe('diagramGraph', () => {
  it('has a node per tree and an edge per reference, from holder to target, labelled with the field and onDelete rule', () => {
    const graph = diagramGraph(e2eDatabase);
    expect(graph.children?.map((n) => n.id)).toEqual(['people', 'projects', 'tasks', 'readings']);
    expect(graph.edges?.map((e) => [e.sources[0], e.targets[0], e.labels?.[0]?.text])).toEqual([
      ['tasks', 'people', 'owner · restrict'],
      ['tasks', 'people', 'watchers[] · restrict'],
      ['tasks', 'projects', 'project · restrict'],
    ]);
    for (const node of graph.children ?? []) expect(node.width).toBeGreaterThan(0);
  });

  it('leaves out a reference to a tree the catalog does not list', () => {
    const orphan: TreeSummary = { ...staff, name: 'orphan', references: [{ path: 'gone', target: 'nowhere', onDelete: 'restrict', many: false }] };
    expect(diagramGraph({ trees: [orphan] }).edges).toEqual([]);
  });
});

describe('layoutDiagram (ELK)', () => {
  const elk = new ELK();
  const check = (scene: DiagramScene, database: Pick<DatabaseInfo, 'trees'>) => {
    expect(scene.boxes.map((b) => b.tree)).toEqual(database.trees.map((t) => t.name));
    const references = database.trees.flatMap((t) => t.references);
    expect(scene.arrows).toHaveLength(references.length);
    scene.boxes.forEach((a, i) => scene.boxes.slice(i + 1).forEach((b) => expect(overlap(a, b), `${a.tree} overlaps ${b.tree}`).toBe(false)));
    for (const arrow of scene.arrows) {
      const from = scene.boxes.find((b) => b.tree === arrow.from)!;
      const to = scene.boxes.find((b) => b.tree === arrow.to)!;
      expect(onBorder(from, arrow.points[0]!), `${arrow.id} starts on ${from.tree}`).toBe(true);
      expect(onBorder(to, arrow.points.at(-1)!), `${arrow.id} ends on ${to.tree}`).toBe(true);
      // Labels sit beside the boxes, not over them.
      for (const box of scene.boxes) expect(overlap(arrow.label, box), `${arrow.label.text} over ${box.tree}`).toBe(false);
    }
    for (const box of scene.boxes) {
      expect(box.x + box.width).toBeLessThanOrEqual(scene.width);
      expect(box.y + box.height).toBeLessThanOrEqual(scene.height);
    }
  };

  it('lays out the e2e database: boxes apart, every arrow from its holder to its target', async () => {
    const scene = await layoutDiagram(e2eDatabase, elk);
    check(scene, e2eDatabase);
    const tasks = scene.boxes.find((b) => b.tree === 'tasks')!;
    expect(tasks.key).toBe('auto-increment');
    expect(tasks.lines.find((l) => l.name === 'watchers')).toEqual({ name: 'watchers', type: '→ people[]', reference: 'people' });
    expect(scene.boxes.find((b) => b.tree === 'projects')!.lines.map((l) => l.keyPart)).toEqual([1, 2, undefined]);
  });

  it('lays out countries ← states ← cities, a self reference and a wide tree', async () => {
    await expect(layoutDiagram(geoDatabase, elk)).resolves.toSatisfy((scene: DiagramScene) => (check(scene, geoDatabase), true));
    const mixed = { trees: [...e2eDatabase.trees, staff, wide] };
    const scene = await layoutDiagram(mixed, elk);
    check(scene, mixed);
    const box = scene.boxes.find((b) => b.tree === 'wide')!;
    expect(box.lines).toHaveLength(BOX_FIELDS + 1);
    expect(box.lines.at(-1)?.name).toBe('person');
    expect(box.more).toBe(4);
  });
});
