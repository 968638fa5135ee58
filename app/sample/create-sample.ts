/**
 * Writes the sample database: a deterministic issue tracker with tens of
 * thousands of tasks (enough to show paging), built from a seeded random
 * source and written in batched transactions so it takes seconds, not minutes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { open, type Database, type KeyOf, type ValueOf } from '@trellis/engine';
import { seededRandom, seededUuidV7, type Random } from './random.js';
import { sampleSchema, PROJECT_STATUSES, ROLES, TASK_STATUSES, type comments, type labels, type projects, type tasks, type teams, type users } from './schema.js';
import { CITIES, COMMENT_LINES, FIRST_NAMES, LABEL_NAMES, LAST_NAMES, OBJECTS, PROJECT_WORDS, TEAM_NAMES, VERBS } from './words.js';

export interface SampleOptions {
  /** Records in the big tree (default 50,000); the other trees scale with it. */
  readonly tasks?: number;
  readonly seed?: number;
}

export interface SampleSummary {
  readonly path: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly millis: number;
}

export const DEFAULT_SAMPLE_TASKS = 50_000;
/** Records per transaction: large enough to amortise commits, small enough to keep memory flat. */
const BATCH = 10_000;
const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);

type SampleDb = Database<typeof sampleSchema>;
type UserKey = KeyOf<typeof users>;
type ProjectKey = KeyOf<typeof projects>;
type LabelKey = KeyOf<typeof labels>;
type TaskKey = KeyOf<typeof tasks>;

/** Creates the sample at `path`, which must not exist yet or be an empty folder. */
export async function createSampleDatabase(path: string, options: SampleOptions = {}): Promise<SampleSummary> {
  if (existsSync(path) && readdirSync(path).length > 0) throw new Error(`cannot create the sample database at ${path}: the folder is not empty`);
  const started = performance.now();
  const random = seededRandom(options.seed ?? 20_240_101);
  const taskCount = options.tasks ?? DEFAULT_SAMPLE_TASKS;
  const db = await open(path, sampleSchema);
  try {
    const userKeys = await writeUsers(db, random, clamp(Math.round(taskCount / 250), 8, 200));
    const projectKeys = await writeTeamsAndProjects(db, random, userKeys, clamp(Math.round(taskCount / 800), 3, 60));
    const labelKeys = await writeLabels(db, random, projectKeys);
    const taskKeys = await writeTasks(db, random, { userKeys, projectKeys, labelKeys, count: taskCount });
    await writeComments(db, random, userKeys, taskKeys, Math.round(taskCount / 5));
    const counts = Object.fromEntries(db.opaque.trees().map((tree) => [tree.name, tree.count]));
    return { path, counts, millis: Math.round(performance.now() - started) };
  } finally {
    await db.close();
  }
}

async function writeUsers(db: SampleDb, random: Random, count: number): Promise<UserKey[]> {
  const values = Array.from({ length: count }, (_, i): ValueOf<typeof users> => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const place = random.chance(0.8) ? random.pick(CITIES) : undefined;
    return {
      name: `${first} ${last}`,
      // The index makes emails unique; the running number keeps namesakes apart.
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      role: i === 0 ? 'admin' : random.pick(ROLES),
      joined: new Date(EPOCH - random.int(30, 900) * DAY),
      ...(place ? { address: { city: place.city, country: place.country } } : {}),
      ...(random.chance(0.3) ? { avatar: random.bytes(24) } : {}),
    };
  });
  return inBatches(values, (batch) => db.transaction((trees) => batch.map((value) => trees.users.insert(value))));
}

async function writeTeamsAndProjects(db: SampleDb, random: Random, userKeys: readonly UserKey[], projectCount: number): Promise<ProjectKey[]> {
  const teamCount = clamp(Math.ceil(projectCount / 5), 2, TEAM_NAMES.length);
  return db.transaction((trees) => {
    const teamKeys = TEAM_NAMES.slice(0, teamCount).map((name, i) => {
      const founded = EPOCH - (teamCount - i) * 40 * DAY;
      const value: ValueOf<typeof teams> = {
        name,
        lead: random.pick(userKeys),
        members: distinct(Array.from({ length: random.int(3, 12) }, () => random.pick(userKeys))),
        founded: new Date(founded),
      };
      return trees.teams.put(seededUuidV7(founded, random) as KeyOf<typeof teams>, value);
    });
    return Array.from({ length: projectCount }, (_, i) => {
      const value: ValueOf<typeof projects> = {
        name: `${PROJECT_WORDS[i % PROJECT_WORDS.length] ?? 'Project'} ${Math.floor(i / PROJECT_WORDS.length) + 1}`,
        team: random.pick(teamKeys),
        owner: random.pick(userKeys),
        status: random.pick(PROJECT_STATUSES),
        started: new Date(EPOCH + i * 3 * DAY),
        ...(random.chance(0.6) ? { budget: random.int(5, 500) * 1000 } : {}),
        settings: {
          visibility: random.pick(['private', 'team', 'public'] as const),
          color: randomColor(random),
          notifications: { email: random.chance(0.5), digest: random.pick(['daily', 'weekly', 'never'] as const) },
        },
      };
      return trees.projects.insert(value);
    });
  });
}

async function writeLabels(db: SampleDb, random: Random, projectKeys: readonly ProjectKey[]): Promise<Map<ProjectKey, LabelKey[]>> {
  return db.transaction((trees) => {
    const byProject = new Map<ProjectKey, LabelKey[]>();
    for (const project of projectKeys) {
      const names = LABEL_NAMES.slice(0, 5);
      byProject.set(project, names.map((name) => trees.labels.insert({ project, name, color: randomColor(random) })));
    }
    return byProject;
  });
}

interface TaskInputs {
  readonly userKeys: readonly UserKey[];
  readonly projectKeys: readonly ProjectKey[];
  readonly labelKeys: ReadonlyMap<ProjectKey, readonly LabelKey[]>;
  readonly count: number;
}

async function writeTasks(db: SampleDb, random: Random, inputs: TaskInputs): Promise<TaskKey[]> {
  const keys: TaskKey[] = [];
  /** Top-level tasks per project, candidates for subtasks' parents (one level deep only). */
  const parents = new Map<ProjectKey, TaskKey>();
  for (let start = 0; start < inputs.count; start += BATCH) {
    const end = Math.min(inputs.count, start + BATCH);
    const written = await db.transaction((trees) => {
      const batch: TaskKey[] = [];
      for (let i = start; i < end; i++) {
        const project = random.pick(inputs.projectKeys);
        const parent = random.chance(0.1) ? parents.get(project) : undefined;
        const value = taskValue(random, i, project, parent, inputs);
        const key = trees.tasks.insert(value);
        if (parent === undefined) parents.set(project, key);
        batch.push(key);
      }
      return batch;
    });
    keys.push(...written);
  }
  return keys;
}

function taskValue(random: Random, i: number, project: ProjectKey, parent: TaskKey | undefined, inputs: TaskInputs): ValueOf<typeof tasks> {
  const created = EPOCH + i * 9 * 60_000; // one every nine minutes: 50,000 tasks span most of a year
  const projectLabels = inputs.labelKeys.get(project) ?? [];
  return {
    title: `${random.pick(VERBS)} ${random.pick(OBJECTS)}`,
    project,
    ...(random.chance(0.85) ? { assignee: random.pick(inputs.userKeys) } : {}),
    ...(parent === undefined ? {} : { parent }),
    labels: projectLabels.length > 0 && random.chance(0.6) ? distinct([random.pick(projectLabels), random.pick(projectLabels)]) : [],
    status: random.pick(TASK_STATUSES),
    priority: random.int(1, 4),
    created: new Date(created),
    ...(random.chance(0.5) ? { due: new Date(created + random.int(1, 60) * DAY) } : {}),
    ...(random.chance(0.4) ? { estimateHours: random.int(1, 80) / 2 } : {}),
  };
}

async function writeComments(db: SampleDb, random: Random, userKeys: readonly UserKey[], taskKeys: readonly TaskKey[], count: number): Promise<void> {
  const values = Array.from({ length: count }, (_, i): ValueOf<typeof comments> => ({
    task: random.pick(taskKeys),
    author: random.pick(userKeys),
    body: `${random.pick(COMMENT_LINES)} ${random.pick(COMMENT_LINES)}`,
    posted: new Date(EPOCH + i * 45 * 60_000),
    ...(random.chance(0.05) ? { attachment: { name: `log-${i + 1}.txt`, data: random.bytes(64) } } : {}),
  }));
  await inBatches(values, (batch) =>
    db.transaction((trees) => batch.map((value) => trees.comments.put(seededUuidV7(value.posted.getTime(), random) as KeyOf<typeof comments>, value))),
  );
}

async function inBatches<V, K>(values: readonly V[], write: (batch: readonly V[]) => Promise<K[]>): Promise<K[]> {
  const keys: K[] = [];
  for (let start = 0; start < values.length; start += BATCH) keys.push(...(await write(values.slice(start, start + BATCH))));
  return keys;
}

function randomColor(random: Random): string {
  return `#${random.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
}

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
