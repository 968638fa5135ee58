import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './arguments.js';

describe('parseCliArguments', () => {
  it('reads a path and the flags', () => {
    expect(parseCliArguments(['/db', '--port', '8123', '--read-only', '--no-open'])).toEqual({
      ok: true,
      value: { path: '/db', port: 8123, readOnly: true, openBrowser: false, help: false },
    });
  });

  it('defaults to no path, any port, writable, browser opened', () => {
    expect(parseCliArguments([])).toEqual({ ok: true, value: { path: undefined, port: undefined, readOnly: false, openBrowser: true, help: false } });
  });

  it('refuses unknown flags, bad ports and two paths with a message', () => {
    expect(parseCliArguments(['--bogus'])).toMatchObject({ ok: false, error: expect.stringContaining('bogus') });
    expect(parseCliArguments(['/db', '--port', 'x'])).toMatchObject({ ok: false, error: expect.stringContaining('--port') });
    expect(parseCliArguments(['/a', '/b'])).toMatchObject({ ok: false, error: expect.stringContaining('one database path') });
    expect(parseCliArguments(['--bogus'])).toMatchObject({ ok: false, error: expect.not.stringContaining('positional argument') });
  });

  it('reads --help and -h', () => {
    expect(parseCliArguments(['--help'])).toMatchObject({ ok: true, value: { help: true } });
    expect(parseCliArguments(['-h'])).toMatchObject({ ok: true, value: { help: true } });
  });
});
