/**
 * The engine against itself: paths across records and request batches, each
 * measured next to the same work written by hand through the typed API, on a
 * database of their own (tasks → projects → users). Raw lmdb and SQLite have
 * no such API: what is measured is what the API costs over the hand-written
 * form, so these are engine-only ("routes"), reported in a table of their own.
 */
import { join } from 'node:path';
import { autoIncrement, open, schema, t, tree, type Database, type KeyOf, type PerformRequest, type ValueOf } from '@trellis/engine';
import { random, randomInts } from './data.js';
import type { Run, Side, Workload } from './harness.js';
import { BATCH } from './system.js';
import { counted, type Plan } from './workloads.js';

const users = tree('users', { key: autoIncrement(), value: t.object({ name: t.string(), email: t.string() }) });
const projects = tree('projects', { key: autoIncrement(), value: t.object({ title: t.string(), owner: t.ref(users) }) });
const tasks = tree('tasks', {
  key: autoIncrement(),
  value: t.object({ title: t.string(), project: t.ref(projects), done: t.boolean(), estimate: t.integer() }),
});
const taskSchema = schema(users, projects, tasks);

type TaskDb = Database<typeof taskSchema>;
type TaskKey = KeyOf<typeof tasks>;
type ProjectKey = KeyOf<typeof projects>;
type UserKey = KeyOf<typeof users>;
type Task = ValueOf<typeof tasks>;
type TaskRequest = PerformRequest<'users' | 'projects' | 'tasks'>;

// Keys are branded numbers: the brand is a compile-time tag only.
const taskKey = (id: number) => id as TaskKey;
const projectKey = (id: number) => id as ProjectKey;
const userKey = (id: number) => id as UserKey;

/** The path measured, and its hops by hand. */
const PATH = 'project->owner->email';
/** Requests per batch: ½ updates (a patch of two fields), ¼ inserts, ¼ gets, interleaved. */
const REQUESTS = 100;

/** N tasks, N/10 projects, N/100 users (at least one each); every reference to a random record. */
function shape(n: number) {
  return { tasks: n, projects: Math.max(1, Math.round(n / 10)), users: Math.max(1, Math.round(n / 100)) };
}

const email = (user: number) => `user-${user}@example-${user % 97}.org`;

function newTask(rnd: () => number, projectCount: number, label: string): Task {
  return { title: `task-${label}`, project: projectKey(1 + Math.floor(rnd() * projectCount)), done: rnd() < 0.5, estimate: Math.floor(rnd() * 100) };
}

/**
 * The tasks database for one size, opened and loaded (untimed) by the first side that starts, so a run
 * that leaves both workloads out (`--only`) does not build it.
 */
export class TaskDatabase {
  private opened: TaskDb | undefined;
  private opening: Promise<TaskDb> | undefined;

  constructor(
    private readonly dir: string,
    readonly size: number,
    private readonly log: (line: string) => void,
  ) {}

  open(): Promise<TaskDb> {
    return (this.opening ??= this.load());
  }

  get db(): TaskDb {
    if (!this.opened) throw new Error('the tasks database is not open yet');
    return this.opened;
  }

  async close(): Promise<void> {
    if (this.opening) await (await this.opening).close();
  }

  private async load(): Promise<TaskDb> {
    const started = performance.now();
    const db = await open(join(this.dir, 'db'), taskSchema);
    const n = shape(this.size);
    const rnd = random(31);
    const keys = [
      await db.users.insertMany(Array.from({ length: n.users }, (_, i) => ({ name: `user-${i + 1}`, email: email(i + 1) })), { batchSize: BATCH }),
      await db.projects.insertMany(
        Array.from({ length: n.projects }, (_, i) => ({ title: `project-${i + 1}`, owner: userKey(1 + Math.floor(rnd() * n.users)) })),
        { batchSize: BATCH },
      ),
      await db.tasks.insertMany(
        Array.from({ length: n.tasks }, (_, i) => newTask(rnd, n.projects, String(i + 1))),
        { batchSize: BATCH },
      ),
    ];
    // The workloads pick keys 1..count: the keys given must be exactly those.
    for (const [i, count] of [n.users, n.projects, n.tasks].entries()) {
      const given = keys[i]!;
      if (given.length !== count || given[0] !== 1 || given.at(-1) !== count) throw new Error(`the tasks database gave keys ${given[0]}..${given.at(-1)}, expected 1..${count}`);
    }
    this.log(`  loaded trellis (tasks, projects, users: ${n.tasks}, ${n.projects}, ${n.users}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    this.opened = db;
    return db;
  }
}

/** Each side opens the shared database (untimed) before its first round. */
function onDatabase(database: TaskDatabase, sides: readonly Side[]): Side[] {
  return sides.map((side) => ({
    name: side.name,
    async start(): Promise<Run> {
      await database.open();
      return side.start();
    },
  }));
}

/**
 * `db.tasks.path(key, 'project->owner->email')` for random tasks, against the same three typed gets written
 * by hand (aim: ≥ 0.9× of them), and the opaque face's `resolve` (values in text form, with the records it
 * went through, as a tool gets them; informational). Every route must read the same emails each round.
 */
export function pathWorkload(database: TaskDatabase, plan: Plan): Workload {
  const keys = randomInts(1, database.size, plan.paths, 11).map(taskKey);
  const routes = [
    { name: `db.tasks.path(k, '${PATH}')`, op: (i: number) => database.db.tasks.path(keys[i]!, PATH).length },
    {
      name: '3 typed gets by hand',
      op: (i: number) => {
        const db = database.db;
        const task = db.tasks.get(keys[i]!)!;
        const project = db.projects.get(task.project)!;
        return db.users.get(project.owner)!.email.length;
      },
    },
    {
      name: 'db.opaque.resolve (text form, hops)',
      op: (i: number) => (database.db.opaque.resolve({ tree: 'tasks', key: keys[i] }, PATH).matches[0]!.value as string).length,
    },
  ];
  return {
    name: 'path 3 hops (tasks → projects → users)',
    unit: 'paths',
    sides: onDatabase(database, counted(routes, keys.length, (route, i) => route.op(i))),
    step: 5000,
    warmupRounds: 2,
    rounds: plan.rounds,
    aims: [{ against: 1, ratio: 0.9 }],
    compares: 'routes',
  };
}

type Op = { readonly op: 'update'; readonly key: TaskKey; readonly patch: Partial<Task> } | { readonly op: 'insert'; readonly value: Task } | { readonly op: 'get'; readonly key: TaskKey };

/** One batch's operations: update, insert, update, get, … (½ updates, ¼ inserts, ¼ gets) on random tasks. */
function batchOps(rnd: () => number, n: ReturnType<typeof shape>, label: string): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const key = taskKey(1 + Math.floor(rnd() * n.tasks));
    switch (i % 4) {
      case 1:
        ops.push({ op: 'insert', value: newTask(rnd, n.projects, `${label}-${i}`) });
        break;
      case 3:
        ops.push({ op: 'get', key });
        break;
      default:
        ops.push({ op: 'update', key, patch: { title: `task-${label}-${i}`, done: rnd() < 0.5 } });
    }
  }
  return ops;
}

const asRequest = (op: Op): TaskRequest => (op.op === 'insert' ? { op: 'insert', tree: 'tasks', value: op.value } : op.op === 'get' ? { op: 'get', tree: 'tasks', key: op.key } : { op: 'update', tree: 'tasks', key: op.key, patch: op.patch });

/**
 * Batches of REQUESTS requests through `db.perform` (one transaction each), against the same operations as
 * single calls (each write its own awaited transaction, each read a plain get) and in one `db.transaction`
 * written by hand. Per round `plan.batches` batches; the tasks inserted are deleted after it (untimed).
 */
export function batchWorkload(database: TaskDatabase, plan: Plan): Workload {
  const n = shape(database.size);
  type Route = (db: TaskDb, ops: readonly Op[], requests: readonly TaskRequest[], inserted: number[]) => Promise<number>;
  const route = (name: string, run: Route): Side => {
    let round = 0;
    return {
      name,
      start(): Run {
        const rnd = random(5000 + round);
        const batches = Array.from({ length: plan.batches }, (_, b) => batchOps(rnd, n, `${round}-${b}`));
        const requests = batches.map((ops) => ops.map(asRequest));
        round++;
        const db = database.db;
        const inserted: number[] = [];
        let next = 0;
        let found = 0;
        return {
          async step() {
            if (next >= batches.length) return 0;
            const b = next++;
            found += await run(db, batches[b]!, requests[b]!, inserted);
            return REQUESTS;
          },
          async finish() {
            const expected = (plan.batches * REQUESTS) / 4;
            if (inserted.length !== expected || found !== expected) throw new Error(`${name}: ${inserted.length} inserted, ${found} found, expected ${expected} of each`);
            await db.transaction((tx) => {
              for (const key of inserted) tx.tasks.delete(taskKey(key));
            });
          },
        };
      },
    };
  };
  const sides = [
    route('db.perform (100 requests, 1 txn)', async (db, _ops, requests, inserted) => {
      let found = 0;
      for (const result of await db.perform(requests)) {
        if (result.op === 'insert') inserted.push(result.key as number);
        else if (result.op === 'get' && result.entry) found++;
      }
      return found;
    }),
    route('100 single calls (a txn per write)', async (db, ops, _requests, inserted) => {
      let found = 0;
      for (const op of ops) {
        if (op.op === 'update') await db.tasks.update(op.key, op.patch);
        else if (op.op === 'insert') inserted.push(await db.tasks.insert(op.value));
        else if (db.tasks.get(op.key)) found++;
      }
      return found;
    }),
    route('1 db.transaction by hand', (db, ops, _requests, inserted) =>
      db.transaction((tx) => {
        let found = 0;
        for (const op of ops) {
          if (op.op === 'update') tx.tasks.update(op.key, op.patch);
          else if (op.op === 'insert') inserted.push(tx.tasks.insert(op.value));
          else if (tx.tasks.get(op.key)) found++;
        }
        return found;
      }),
    ),
  ];
  return {
    name: `batch ${REQUESTS} (½ updates, ¼ inserts, ¼ gets)`,
    unit: 'requests',
    sides: onDatabase(database, sides),
    step: REQUESTS,
    warmupRounds: 1,
    rounds: plan.slowRounds,
    aims: [],
    compares: 'routes',
  };
}
