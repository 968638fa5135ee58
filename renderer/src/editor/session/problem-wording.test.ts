import { describe, expect, it } from 'vitest';
import { fieldLabel, plainMessage, problemMessage } from './problem-wording.js';

describe('fieldLabel', () => {
  it('reads a JSON Pointer as a field path', () => {
    expect(fieldLabel('')).toBe('');
    expect(fieldLabel('/name')).toBe('name');
    expect(fieldLabel('/tags/2/name')).toBe('tags[2].name');
    expect(fieldLabel('/a~1b/x~0y')).toBe('a/b.x~y');
  });
});

describe('plainMessage', () => {
  it('rewrites the schema validator wording', () => {
    expect(plainMessage('must not have fewer than 1 characters')).toBe('must be at least 1 character');
    expect(plainMessage('must not have more than 40 characters')).toBe('must be at most 40 characters');
    expect(plainMessage('must not have fewer than 2 items')).toBe('must have at least 2 items');
    expect(plainMessage('must match pattern "^#[0-9a-f]{6}$"')).toBe('must match the pattern ^#[0-9a-f]{6}$');
    expect(plainMessage('must be >= 0')).toBe('must be at least 0');
    expect(plainMessage('must be string')).toBe('must be a string');
    expect(plainMessage('must be either string or null')).toBe('must be a string or null');
    expect(plainMessage('must have required properties title, owner')).toBe("missing required fields 'title', 'owner'");
  });

  it("rewrites what the engine says of a reference's key, keeping its subject", () => {
    expect(plainMessage("must be a key of tree 'states': [string, string]; it must not have fewer than 2 items")).toBe(
      "must be a key of tree 'states': [string, string]; it must have at least 2 items",
    );
    expect(plainMessage("must be a key of tree 'states': [string, string]; part 2 must be string")).toBe(
      "must be a key of tree 'states': [string, string]; part 2 must be a string",
    );
  });

  it('keeps wording it does not know, part by part', () => {
    expect(plainMessage("unknown field 'x'; must be >= 1")).toBe("unknown field 'x'; must be at least 1");
    expect(plainMessage('no such record')).toBe('no such record');
  });
});

describe('problemMessage', () => {
  it('names the field unless the message already does or it is the whole value', () => {
    expect(problemMessage('/name', 'must not have fewer than 1 characters')).toBe('name: must be at least 1 character');
    expect(problemMessage('/colour', 'must match pattern "^#[0-9a-f]{6}$"')).toBe('colour: must match the pattern ^#[0-9a-f]{6}$');
    expect(problemMessage('', 'must be object')).toBe('must be an object');
    expect(problemMessage('/tags/2', "unknown field 'colour'")).toBe("unknown field 'colour'");
  });
});
