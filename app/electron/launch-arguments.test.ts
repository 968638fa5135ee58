import { describe, expect, it } from 'vitest';
import { parseLaunchArguments } from './launch-arguments.js';

describe('parseLaunchArguments', () => {
  it('skips the app folder in development and reads path and --read-only', () => {
    expect(parseLaunchArguments(['/electron', '/repo', '/db', '--read-only'], true)).toEqual({ path: '/db', readOnly: true });
  });

  it('reads a packaged command line, ignoring other switches', () => {
    expect(parseLaunchArguments(['/opt/Trellis/trellis', '--no-sandbox', '/db'], false)).toEqual({ path: '/db', readOnly: false });
    expect(parseLaunchArguments(['/Applications/Trellis', '-psn_0_12345'], false)).toEqual({ path: undefined, readOnly: false });
  });
});

describe('parseLaunchArguments with a server', () => {
  it('reads --server and --token, whose values are not the path, in either form', () => {
    expect(parseLaunchArguments(['/electron', '/repo', '--server', 'ws://127.0.0.1:7000', '/db', '--token', 'secret'], true)).toEqual({
      path: '/db',
      readOnly: false,
      replica: { server: 'ws://127.0.0.1:7000', token: 'secret' },
    });
    expect(parseLaunchArguments(['/opt/Trellis/trellis', '/db', '--server=wss://team.example:443'], false)).toEqual({ path: '/db', readOnly: false, replica: { server: 'wss://team.example:443' } });
  });

  it('takes the token from TRELLIS_TOKEN when the command line has none (npm start hands it over so)', () => {
    const env = { TRELLIS_TOKEN: 'from-env' };
    expect(parseLaunchArguments(['/electron', '/repo', '/db', '--server', 'ws://127.0.0.1:7000'], true, env)).toMatchObject({ replica: { server: 'ws://127.0.0.1:7000', token: 'from-env' } });
    expect(parseLaunchArguments(['/electron', '/repo', '/db', '--server', 'ws://127.0.0.1:7000', '--token', 'given'], true, env)).toMatchObject({ replica: { token: 'given' } });
  });
});
