/**
 * Stored value schemas as the catalog holds them (after the sample database's
 * tasks tree): reference nodes carry their target's key schema, a setNull
 * reference as `anyOf: [key, null]`.
 */
import type { Schema } from './schema/schema-nav.js';

export const taskSchema: Schema = {
  type: 'object',
  required: ['title', 'project', 'labels', 'status', 'priority', 'created'],
  properties: {
    title: { type: 'string', minLength: 1 },
    project: { 'x-trellis': 'ref', 'x-ref': 'projects', 'x-on-delete': 'cascade', type: 'integer', minimum: 1 },
    assignee: { 'x-trellis': 'ref', 'x-ref': 'users', 'x-on-delete': 'setNull', anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
    labels: {
      type: 'array',
      items: { 'x-trellis': 'ref', 'x-ref': 'labels', 'x-on-delete': 'setNull', type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string' }] },
    },
    status: { type: 'string', enum: ['todo', 'doing', 'review', 'done'] },
    priority: { type: 'integer', minimum: 1, maximum: 4 },
    created: { type: 'string', format: 'date-time', 'x-trellis': 'timestamp' },
    due: { type: 'string', format: 'date-time', 'x-trellis': 'timestamp' },
    settings: {
      type: 'object',
      required: ['visibility', 'notifications'],
      properties: {
        visibility: { type: 'string', enum: ['private', 'team', 'public'] },
        notifications: { type: 'object', required: ['email'], properties: { email: { type: 'boolean' } }, additionalProperties: false },
        avatar: { type: 'string', contentEncoding: 'base64', 'x-trellis': 'bytes' },
      },
      additionalProperties: false,
    },
    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    kind: { const: 'task', type: 'string' },
  },
  additionalProperties: false,
};
