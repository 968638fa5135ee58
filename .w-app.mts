import { autoIncrement, migration, schema, t, tree } from '@trellis/engine';
import { benchSchema, owners } from './engine/bench/data.ts';
const itemsV2 = tree('items', { key: autoIncrement(), value: t.object({ label: t.string(), group: t.string(), cents: t.integer(), visits: t.integer(), active: t.boolean(), owner: t.ref(owners) }), indexes: { byGroup: { on: 'group' } } });
const v2 = schema(owners, itemsV2);
export const migrationApp = v2.withMigrations(migration({ id: 'x', description: 'x', from: benchSchema, to: v2, each: { items: (item, step) => { const { name, score, ...rest } = item; step.to.items.put(step.key, { ...rest, label: name, cents: Math.round(score * 100) }); } } }));
