/**
 * The sample database's schema: a small issue tracker that uses every kind of
 * key, index and reference the engine offers, so the browser has something of
 * each to show. e2e specs and tests import these declarations.
 */
import { autoIncrement, composite, schema, t, tree, uuid } from '@trellis/engine';

export const ROLES = ['admin', 'member', 'guest'] as const;
export const PROJECT_STATUSES = ['planned', 'active', 'paused', 'done'] as const;
export const TASK_STATUSES = ['todo', 'doing', 'review', 'done'] as const;

export const users = tree('users', {
  key: autoIncrement(),
  value: t.object({
    name: t.string({ minLength: 1 }),
    email: t.string({ minLength: 3 }),
    role: t.enum(ROLES),
    joined: t.timestamp(),
    address: t.optional(t.object({ city: t.string(), country: t.string({ minLength: 2, maxLength: 2 }) })),
    avatar: t.optional(t.bytes()),
  }),
  indexes: { byEmail: { on: 'email', unique: true }, byCity: { on: 'address.city' } },
});

export const teams = tree('teams', {
  key: uuid(),
  value: t.object({
    name: t.string({ minLength: 1 }),
    lead: t.ref(users), // restrict: a team lead cannot be deleted while leading
    members: t.refs(users, { onDelete: 'setNull' }), // a deleted user leaves the list
    founded: t.timestamp(),
  }),
  indexes: { byName: { on: 'name', unique: true } },
});

export const projects = tree('projects', {
  key: autoIncrement(),
  value: t.object({
    name: t.string({ minLength: 1 }),
    team: t.ref(teams, { onDelete: 'cascade' }),
    owner: t.ref(users, { onDelete: 'setNull' }),
    status: t.enum(PROJECT_STATUSES),
    started: t.timestamp(),
    budget: t.optional(t.number({ minimum: 0 })),
    settings: t.object({
      visibility: t.enum(['private', 'team', 'public']),
      color: t.string({ pattern: '^#[0-9a-f]{6}$' }),
      notifications: t.object({ email: t.boolean(), digest: t.enum(['daily', 'weekly', 'never']) }),
    }),
  }),
  indexes: { byTeam: { on: 'team' }, byStatus: { on: 'status' } },
});

export const labels = tree('labels', {
  key: composite('project', 'name'),
  value: t.object({
    project: t.ref(projects, { onDelete: 'cascade' }),
    name: t.string({ minLength: 1 }),
    color: t.string({ pattern: '^#[0-9a-f]{6}$' }),
  }),
});

export const tasks = tree('tasks', {
  key: autoIncrement(),
  value: t.object({
    title: t.string({ minLength: 1 }),
    project: t.ref(projects, { onDelete: 'cascade' }),
    assignee: t.optional(t.ref(users, { onDelete: 'setNull' })),
    parent: t.optional(t.ref('tasks', { onDelete: 'cascade' })), // subtasks go with their task
    labels: t.refs(labels, { onDelete: 'setNull' }),
    status: t.enum(TASK_STATUSES),
    priority: t.integer({ minimum: 1, maximum: 4 }),
    created: t.timestamp(),
    due: t.optional(t.timestamp()),
    estimateHours: t.optional(t.number({ minimum: 0 })),
  }),
  indexes: {
    byProjectStatus: { on: ['project', 'status'] },
    byAssignee: { on: 'assignee' },
    byDue: { on: 'due' },
  },
});

export const comments = tree('comments', {
  key: uuid(),
  value: t.object({
    task: t.ref(tasks, { onDelete: 'cascade' }),
    author: t.ref(users), // restrict
    body: t.string({ minLength: 1 }),
    posted: t.timestamp(),
    attachment: t.optional(t.object({ name: t.string(), data: t.bytes() })),
  }),
  indexes: { byTask: { on: 'task' } },
});

export const sampleSchema = schema(users, teams, projects, labels, tasks, comments);
export type SampleSchema = typeof sampleSchema;
