/**
 * Paths across records, at compile time: the result type of `path()` for each
 * kind of step, inferred from the declarations, and misspelled or ill-joined
 * steps that do not compile (the expected type then names the step and why).
 */
import { autoIncrement, composite, schema, t, tree, type Database, type Key, type PathResolution, type PathWritten, type ValueOf } from '@trellis/engine';
import type { Equal, Expect } from './expect.js';

const users = tree('users', { key: autoIncrement(), value: t.object({ name: t.string(), email: t.string(), age: t.optional(t.number()), joined: t.timestamp() }) });
const teams = tree('teams', { key: autoIncrement(), value: t.object({ name: t.string(), lead: t.nullable(t.ref(users)) }) });
const projects = tree('projects', {
  key: autoIncrement(),
  value: t.object({ title: t.string(), owner: t.ref(users), team: t.refs(teams), address: t.object({ city: t.string(), zip: t.optional(t.string()) }) }),
});
const tasks = tree('tasks', {
  key: autoIncrement(),
  value: t.object({ title: t.string(), project: t.ref(projects), tags: t.array(t.string()), parent: t.optional(t.ref('tasks')) }),
  indexes: { byOwner: { on: 'project->owner' } },
});
const countries = tree('countries', { key: composite('code'), value: t.object({ code: t.string(), name: t.string() }) });
const cities = tree('cities', {
  key: autoIncrement(),
  value: t.object({ name: t.string(), country: t.string(), region: t.string() }),
  references: { land: { fields: ['country', 'region'], target: countries } },
});
export const declared = schema(users, teams, projects, tasks, countries, cities);

declare const db: Database<typeof declared>;
declare const task: Key<'tasks', number>;
declare const user: Key<'users', number>;
declare const city: Key<'cities', number>;

// Each kind of step, and what it makes of the result.
export function pathResults() {
  const hops = db.tasks.path(task, 'project->owner->email'); // two references followed
  const spaced = db.tasks.path(task, ' project -> owner -> email '); // spaces around steps
  const nested = db.tasks.path(task, 'project->address.city'); // a field inside an object, with '.'
  const nestedArrow = db.tasks.path(task, 'project->address->city'); // the same as a separate step
  const optional = db.tasks.path(task, 'project->address.zip'); // an optional field at the end
  const index = db.tasks.path(task, 'tags[0]'); // a list element
  const arrowIndex = db.tasks.path(task, 'project->team->-1->name'); // '->n', negative
  const fanOut = db.tasks.path(task, 'project->team->*->name'); // every element: a list
  const bracketFanOut = db.tasks.path(task, 'project->team[*]->lead->name'); // through a nullable reference
  const reverse = db.users.path(user, '<-projects.owner->title'); // the projects whose owner is this user
  const reversePick = db.users.path(user, '<-projects.owner[0]->title'); // one of them
  const chained = db.tasks.path(task, 'project->owner<-projects.owner'); // whole records, from a reverse step
  const self = db.tasks.path(task, 'parent->project->title'); // a reference to its own tree
  const reference = db.tasks.path(task, 'project->owner'); // ending at a reference: its key
  const timestamp = db.tasks.path(task, 'project->owner->joined');
  const overFields = db.cities.path(city, 'land->name'); // a reference over existing fields
  const lenient = db.tasks.path(task, 'project->owner->email', { lenient: true });
  const lenientMany = db.tasks.path(task, 'project->team->*->name', { lenient: true });
  return { hops, spaced, nested, nestedArrow, optional, index, arrowIndex, fanOut, bracketFanOut, reverse, reversePick, chained, self, reference, timestamp, overFields, lenient, lenientMany };
}
type Results = ReturnType<typeof pathResults>;

export type PathResults = [
  Expect<Equal<Results['hops'], string>>,
  Expect<Equal<Results['spaced'], string>>,
  Expect<Equal<Results['nested'], string>>,
  Expect<Equal<Results['nestedArrow'], string>>,
  Expect<Equal<Results['optional'], string | undefined>>,
  Expect<Equal<Results['index'], string>>,
  Expect<Equal<Results['arrowIndex'], string>>,
  Expect<Equal<Results['fanOut'], string[]>>,
  Expect<Equal<Results['bracketFanOut'], string[]>>,
  Expect<Equal<Results['reverse'], string[]>>,
  Expect<Equal<Results['reversePick'], string>>,
  // Whole records of projects (compared field by field: Equal tells `unknown & B` from B).
  Expect<Equal<Results['chained'][number]['title'], ValueOf<typeof projects>['title']>>,
  Expect<Equal<Results['chained'][number]['owner'], ValueOf<typeof projects>['owner']>>,
  Expect<Equal<Results['self'], string>>,
  Expect<Equal<Results['reference'], { readonly '~tree': 'users' }>>, // the owner's key
  Expect<Equal<Results['timestamp'], Date>>,
  Expect<Equal<Results['overFields'], string>>,
  Expect<Equal<Results['lenient'], string | undefined>>,
  Expect<Equal<Results['lenientMany'], (string | undefined)[]>>,
  Expect<Equal<ReturnType<typeof db.tasks.resolvePath<'project->owner'>>, PathResolution>>,
];

export async function writesTakeTheTypeAtTheEnd(): Promise<PathWritten> {
  await db.tasks.setPath(task, 'project->address.city', 'Oslo');
  // @ts-expect-error the end of this path is text, not a number
  await db.tasks.setPath(task, 'project->address.city', 3);
  return db.transaction((tx) => tx.tasks.setPath(task, 'project->owner->email', 'a@b'));
}

export function misspelledStepsDoNotCompile(): void {
  // @ts-expect-error no field 'emial' in users
  db.tasks.path(task, 'project->owner->emial');
  // @ts-expect-error '.' does not cross a reference: '->' does
  db.tasks.path(task, 'project.title');
  // @ts-expect-error a list needs an element or '*' before its elements' fields
  db.tasks.path(task, 'project->team->name');
  // @ts-expect-error an index on something that is not a list
  db.tasks.path(task, 'title[0]');
  // @ts-expect-error no tree 'project' (the tree is 'projects')
  db.users.path(user, '<-project.owner');
  // @ts-expect-error a key of another tree
  db.tasks.path(user, 'title');
  // @ts-expect-error the index is on a path from a field that is not a reference
  tree('bad', { key: autoIncrement(), value: t.object({ title: t.string() }), indexes: { x: { on: 'title->name' } } });
}
