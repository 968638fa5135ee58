/**
 * The write outcomes against a stub transport: the host is a boundary these
 * node tests cannot run (the real one is exercised by e2e), so the stub only
 * answers the error payloads the contract defines.
 */
import { describe, expect, it } from 'vitest';
import { HostError, type HostErrorPayload, type RecordEntry, type Transport, type TreeSummary } from '../../../../app/contract/index.js';
import { createRecord, deleteRecord, saveExisting } from './session-actions.js';
import { placeIssues } from './check-text.js';

const entry: RecordEntry = { key: 1, text: 'tasks/1', revision: 5, value: { title: 'x' } };

function failing(payload: HostErrorPayload): Transport & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    call: async (method, args) => {
      calls.push([method, args]);
      throw new HostError(payload);
    },
    on: () => () => undefined,
  };
}

function answering(result: unknown): Transport & { calls: unknown[] } {
  const calls: unknown[] = [];
  return { calls, call: async (method, args) => (calls.push([method, args]), result as never), on: () => () => undefined };
}

const tree = (kind: 'auto' | 'custom'): TreeSummary => ({
  name: 'tasks', count: 1, key: kind === 'auto' ? { kind } : { kind, schema: {} }, keySchema: {}, value: {}, indexes: [], references: [], referencedFrom: [],
});

describe('session actions', () => {
  it('saves with the loaded revision, and reports a conflict with the current record', async () => {
    const current = { ...entry, revision: 7 };
    const client = failing({ code: 'CONFLICT', message: 'stale', current });
    expect(await saveExisting(client, 'tasks', 1, { title: 'y' }, 5)).toEqual({ type: 'conflict', current });
    expect(client.calls).toEqual([['records.put', { tree: 'tasks', key: 1, value: { title: 'y' }, expectedRevision: 5 }]]);
  });

  it('maps a refused write to issues', async () => {
    const issues = [{ path: '/title', message: 'must be string' }];
    expect(await saveExisting(failing({ code: 'VALIDATION', message: 'bad', issues }), 'tasks', 1, {}, 5)).toEqual({ type: 'invalid', issues });
  });

  it('inserts where the engine makes the key, puts with create for a typed key', async () => {
    const auto = answering({ entry });
    await createRecord(auto, tree('auto'), { title: 'x' }, undefined);
    expect(auto.calls).toEqual([['records.insert', { tree: 'tasks', value: { title: 'x' } }]]);
    const custom = answering({ entry });
    await createRecord(custom, tree('custom'), { title: 'x' }, 'k1');
    expect(custom.calls).toEqual([['records.put', { tree: 'tasks', key: 'k1', value: { title: 'x' }, create: true }]]);
  });

  it('reports the holders of a refused delete', async () => {
    const holders = [{ tree: 'teams', key: 'a', text: 'teams/"a"', path: 'lead' }];
    expect(await deleteRecord(failing({ code: 'REFERENCED', message: 'held', holders }), 'tasks', entry)).toEqual({ type: 'refused', holders });
  });

  it('places issues of a refused write in the text', () => {
    expect(placeIssues('{\n  title: 3\n}', [{ path: '/title', message: 'must be string' }]).map((p) => [p.line, p.column])).toEqual([[2, 10]]);
  });
});
