/**
 * onDelete 'setNull' may only be declared where its result is a valid record:
 * a reference field of objects in a list (`items[].to`) is set to null, so
 * its stored schema allows null (it did not: the holder was stored as null
 * and failed its own check, verify: invalid-record); a list of references
 * with minItems is refused when declared (removing its last target left it
 * shorter than its schema allows).
 */
import { describe, expect, it } from 'vitest';
import { autoIncrement, InvalidSchemaError, schema, t, tree } from '../index.js';
import { backends } from '../testing/contract-backends.js';

const tags = tree('tags', { key: autoIncrement(), value: t.object({ name: t.string() }) });

describe.each(backends)("onDelete 'setNull' ($name)", (backend) => {
  it('sets a reference in a list of objects to null, and the holder stays valid', async () => {
    const posts = tree('posts', { key: autoIncrement(), value: t.object({ items: t.array(t.object({ to: t.ref(tags, { onDelete: 'setNull' }), note: t.string() })) }) });
    const db = await backend.open(schema(tags, posts));
    const tag = await db.tags.insert({ name: 'a' });
    const post = await db.posts.insert({ items: [{ to: tag, note: 'x' }] });
    await db.tags.delete(tag);
    expect(db.posts.get(post)).toEqual({ items: [{ to: null, note: 'x' }] });
    expect((await db.opaque.verify()).problems).toEqual([]);
    await db.posts.update(post, (v) => v); // the record passes its own check
  });

  it('cannot be declared on a list of references that must keep a minimum of items', async () => {
    const posts = tree('posts', { key: autoIncrement(), value: t.object({ tags: t.refs(tags, { onDelete: 'setNull', minItems: 1 }) }) });
    await expect(backend.open(schema(tags, posts))).rejects.toThrow(InvalidSchemaError);
    await expect(backend.open(schema(tags, posts))).rejects.toThrow(/'tags\[\]' holds references that onDelete 'setNull' removes/);
  });
});
