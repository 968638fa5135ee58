import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './arguments.js';

describe('parseCliArguments', () => {
  it('reads a path and the flags', () => {
    expect(parseCliArguments(['/db', '--port', '8123', '--read-only', '--no-open'])).toEqual({
      ok: true,
      value: { path: '/db', port: 8123, readOnly: true, openBrowser: false, help: false, replica: undefined },
    });
  });

  it('defaults to no path, any port, writable, browser opened', () => {
    expect(parseCliArguments([])).toEqual({ ok: true, value: { path: undefined, port: undefined, readOnly: false, openBrowser: true, help: false, replica: undefined } });
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

  it('reads a server to replicate, with its token; a token alone or an address that is not ws:// is refused', () => {
    expect(parseCliArguments(['/replica', '--server', 'ws://127.0.0.1:7100', '--token', 'abc'])).toMatchObject({ ok: true, value: { path: '/replica', replica: { server: 'ws://127.0.0.1:7100', token: 'abc' } } });
    expect(parseCliArguments(['/replica', '--server', 'wss://team.example'])).toMatchObject({ ok: true, value: { replica: { server: 'wss://team.example' } } });
    expect(parseCliArguments(['/replica', '--token', 'abc'])).toEqual({ ok: false, error: '--token goes with --server (the token is for that server)' });
    expect(parseCliArguments(['/replica', '--server', 'http://127.0.0.1:7100'])).toEqual({ ok: false, error: "--server must be a ws:// or wss:// address, got 'http://127.0.0.1:7100'" });
    expect(parseCliArguments(['/replica', '--server', 'team server'])).toMatchObject({ ok: false, error: expect.stringContaining('--server must be') });
  });

  it('takes the token from TRELLIS_TOKEN when --token is absent, only for a --server', () => {
    const env = { TRELLIS_TOKEN: 'from-env' };
    expect(parseCliArguments(['/replica', '--server', 'ws://127.0.0.1:7100'], env)).toMatchObject({ ok: true, value: { replica: { token: 'from-env' } } });
    expect(parseCliArguments(['/replica', '--server', 'ws://127.0.0.1:7100', '--token', 'given'], env)).toMatchObject({ ok: true, value: { replica: { token: 'given' } } });
    expect(parseCliArguments(['/db'], env)).toMatchObject({ ok: true, value: { replica: undefined } });
  });
});
