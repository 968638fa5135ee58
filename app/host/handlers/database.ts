/**
 * database.* and session.*: what is open, opening another, the recent list
 * and the session's read-only toggle.
 */
import type { Handlers } from './handler.js';
import type { RecentList } from '../recent.js';

export function databaseHandlers(recent: RecentList | undefined): Handlers<'database.info' | 'database.open' | 'database.recent' | 'session.setReadOnly'> {
  return {
    'database.info': ({ session }) => session.info(),
    'database.open': ({ session }, { path, readOnly }) => session.open(path, readOnly ?? false),
    'database.recent': () => ({ paths: recent?.list() ?? [] }),
    'session.setReadOnly': ({ session }, { readOnly }) => session.setReadOnly(readOnly),
  };
}
