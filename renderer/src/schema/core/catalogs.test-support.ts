/**
 * Catalogs as the host sends them (written by the engine for e2e/fixtures/schema.ts
 * and the countries → states → cities dataset), for the schema view's tests.
 */
import type { DatabaseInfo, TreeSummary } from '../../../../app/contract/index.js';

const autoKey = { type: 'integer', minimum: 1, maximum: 9007199254740991 };
const personRef = { 'x-trellis': 'ref', 'x-ref': 'people', 'x-on-delete': 'restrict', ...autoKey };
const pair = { type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], items: false, minItems: 2, maxItems: 2 };

export const people: TreeSummary = {
  name: 'people',
  count: 6,
  key: { kind: 'auto' },
  keySchema: autoKey,
  value: {
    type: 'object',
    required: ['name', 'email', 'role', 'joined', 'address'],
    properties: {
      name: { type: 'string', minLength: 1 },
      email: { type: 'string', minLength: 3 },
      role: { type: 'string', enum: ['engineer', 'designer', 'manager'] },
      joined: { type: 'string', format: 'date-time', 'x-trellis': 'timestamp' },
      address: {
        type: 'object',
        required: ['city', 'country'],
        properties: { city: { type: 'string' }, country: { type: 'string', minLength: 2, maxLength: 2 } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  indexes: [
    { name: 'byEmail', on: ['email'], unique: true },
    { name: 'byRole', on: ['role'], unique: false },
  ],
  references: [],
  referencedFrom: [
    { tree: 'tasks', path: 'owner' },
    { tree: 'tasks', path: 'watchers[]' },
  ],
};

export const projects: TreeSummary = {
  name: 'projects',
  count: 3,
  key: { kind: 'composite', fields: ['team', 'code'] },
  keySchema: pair,
  value: {
    type: 'object',
    required: ['team', 'code', 'title'],
    properties: { team: { type: 'string' }, code: { type: 'string' }, title: { type: 'string' } },
    additionalProperties: false,
  },
  indexes: [],
  references: [],
  referencedFrom: [{ tree: 'tasks', path: 'project' }],
};

export const tasks: TreeSummary = {
  name: 'tasks',
  count: 40,
  key: { kind: 'auto' },
  keySchema: autoKey,
  value: {
    type: 'object',
    required: ['title', 'owner', 'watchers', 'project', 'status', 'due', 'details'],
    properties: {
      title: { type: 'string', minLength: 1 },
      owner: personRef,
      watchers: { type: 'array', items: personRef },
      project: { 'x-trellis': 'ref', 'x-ref': 'projects', 'x-on-delete': 'restrict', ...pair },
      status: { type: 'string', enum: ['todo', 'doing', 'done'] },
      due: { type: 'string', format: 'date-time', 'x-trellis': 'timestamp' },
      details: {
        type: 'object',
        required: ['estimateHours', 'tags'],
        properties: { estimateHours: { type: 'number', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  indexes: [
    { name: 'byStatus', on: ['status'], unique: false },
    { name: 'byOwner', on: ['owner'], unique: false },
  ],
  references: [
    { path: 'owner', target: 'people', onDelete: 'restrict', many: false },
    { path: 'watchers[]', target: 'people', onDelete: 'restrict', many: true },
    { path: 'project', target: 'projects', onDelete: 'restrict', many: false },
  ],
  referencedFrom: [],
};

export const readings: TreeSummary = {
  name: 'readings',
  count: 0,
  key: { kind: 'auto' },
  keySchema: autoKey,
  value: { type: 'object', required: ['n', 'label'], properties: { n: { type: 'integer' }, label: { type: 'string' } }, additionalProperties: false },
  indexes: [],
  references: [],
  referencedFrom: [],
};

export const e2eDatabase: Pick<DatabaseInfo, 'trees'> = { trees: [people, projects, tasks, readings] };

const countryRef = { 'x-trellis': 'ref', 'x-ref': 'countries', 'x-on-delete': 'cascade', type: 'string' };

export const countries: TreeSummary = {
  name: 'countries',
  count: 250,
  key: { kind: 'custom', schema: { type: 'string' } },
  keySchema: { type: 'string' },
  value: {
    type: 'object',
    required: ['iso', 'name', 'phoneCode', 'flag', 'timezones'],
    properties: {
      iso: { type: 'string' },
      name: { type: 'string' },
      currency: { type: 'string' },
      timezones: {
        type: 'array',
        items: {
          type: 'object',
          required: ['zoneName', 'gmtOffsetName'],
          properties: { zoneName: { type: 'string' }, gmtOffsetName: { type: 'string' } },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  indexes: [{ name: 'byName', on: ['name'], unique: false }],
  references: [],
  referencedFrom: [{ tree: 'states', path: 'country' }],
};

export const states: TreeSummary = {
  name: 'states',
  count: 4963,
  key: { kind: 'composite', fields: ['country', 'code'] },
  keySchema: { type: 'array', prefixItems: [countryRef, { type: 'string' }], items: false, minItems: 2, maxItems: 2 },
  value: {
    type: 'object',
    required: ['country', 'code', 'name'],
    properties: { country: countryRef, code: { type: 'string' }, name: { type: 'string' }, latitude: { type: 'number' } },
    additionalProperties: false,
  },
  indexes: [{ name: 'byCountry', on: ['country'], unique: false }],
  references: [{ path: 'country', target: 'countries', onDelete: 'cascade', many: false }],
  referencedFrom: [{ tree: 'cities', path: 'state' }],
};

export const cities: TreeSummary = {
  name: 'cities',
  count: 148038,
  key: { kind: 'auto' },
  keySchema: autoKey,
  value: {
    type: 'object',
    required: ['name', 'state'],
    properties: {
      name: { type: 'string' },
      state: { 'x-trellis': 'ref', 'x-ref': 'states', 'x-on-delete': 'cascade', ...pair, prefixItems: [countryRef, { type: 'string' }] },
      population: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
    },
    additionalProperties: false,
  },
  indexes: [{ name: 'byName', on: ['name'], unique: false }],
  references: [{ path: 'state', target: 'states', onDelete: 'cascade', many: false }],
  referencedFrom: [],
};

export const geoDatabase: Pick<DatabaseInfo, 'trees'> = { trees: [countries, states, cities] };
