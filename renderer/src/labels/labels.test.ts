/**
 * The label book and the client that feeds it: every answer's `labels` are
 * learnt whoever asked, a changed record's label is forgotten with it, and the
 * book stays bounded. A stand-in client replaces the host (the transport is
 * the boundary; the host's side has its own tests).
 */
import { describe, expect, it } from 'vitest';
import type { HostClient } from '../client/connect.js';
import { RecordLookup } from '../references/record-lookup.js';
import { LabelBook } from './label-book.js';
import { labellingClient } from './labelling-client.js';
import { recordLabel } from './use-label.js';

function stubClient(answer: unknown): HostClient {
  return { call: async () => answer, peek: () => answer } as unknown as HostClient;
}

describe('labellingClient', () => {
  it('learns the labels of any answer that carries them, and passes the answer on unchanged', async () => {
    const book = new LabelBook();
    const answer = { entries: [], count: 0, hasMore: false, labels: { 'people/2': 'Grace Hopper' } };
    const client = labellingClient(stubClient(answer), book);
    expect(await client.call('records.page', { tree: 'tasks', limit: 10 })).toBe(answer);
    expect(book.label('people/2')).toBe('Grace Hopper');
  });

  it('ignores answers without labels', async () => {
    const book = new LabelBook();
    await labellingClient(stubClient({ deleted: true }), book).call('records.delete', { tree: 'tasks', key: 1 });
    expect(book.snapshot()).toBe(0);
  });
});

describe('LabelBook', () => {
  it('tells listeners only when something changed, and forgets what a change names', () => {
    const lookup = new RecordLookup(stubClient({ entry: null }));
    const book = lookup.labels;
    let told = 0;
    book.subscribe(() => told++);
    book.note({ 'people/1': 'Ada' });
    book.note({ 'people/1': 'Ada' });
    expect(told).toBe(1);
    lookup.forget(['people/1']);
    expect(book.label('people/1')).toBeUndefined();
    book.note({ 'people/1': 'Ada' });
    lookup.clear();
    expect(book.label('people/1')).toBeUndefined();
  });

  it('keeps at most 20,000 labels, dropping the oldest', () => {
    const book = new LabelBook();
    book.note(Object.fromEntries(Array.from({ length: 20_005 }, (_, i) => [`t/${i}`, `n${i}`])));
    expect(book.label('t/0')).toBeUndefined();
    expect(book.label('t/20004')).toBe('n20004');
  });
});

describe('recordLabel', () => {
  const tree = { value: { type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' } } } };
  it('reads a record with its tree’s label fields, declared or not', () => {
    expect(recordLabel(tree, { value: { code: 'x', title: 'Apollo' } })).toBe('Apollo');
    expect(recordLabel({ ...tree, label: ['code'] }, { value: { code: 'x', title: 'Apollo' } })).toBe('x');
    expect(recordLabel(tree, { value: undefined, problems: [{ path: '', message: 'bad' }] })).toBeUndefined();
  });
});
