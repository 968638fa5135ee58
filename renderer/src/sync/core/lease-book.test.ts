import { describe, expect, it } from 'vitest';
import type { Lease } from '../../../../app/contract/sync.js';
import { LeaseBook } from './lease-book.js';

const lease = (key: number, expires: number, user = 'ann'): Lease => ({ tree: 'tasks', key, text: `tasks/${key}`, user, mine: false, since: 0, expires });

describe('LeaseBook', () => {
  it('holds the listed check-outs, then follows each change, telling its subscribers', () => {
    const book = new LeaseBook();
    let told = 0;
    book.subscribe(() => told++);
    book.replace([lease(1, 100), lease(2, 200)]);
    expect(book.of('tasks/1')?.user).toBe('ann');
    book.apply({ tree: 'tasks', key: 1, text: 'tasks/1', lease: lease(1, 150, 'bob') });
    expect(book.of('tasks/1')?.user).toBe('bob');
    book.apply({ tree: 'tasks', key: 2, text: 'tasks/2', lease: null });
    expect(book.of('tasks/2')).toBeUndefined();
    const version = book.version();
    book.apply({ tree: 'tasks', key: 9, text: 'tasks/9', lease: null }); // nothing held: nothing changes
    expect({ told, version: book.version() }).toEqual({ told: 3, version });
    book.replace([]);
    expect(book.of('tasks/1')).toBeUndefined();
  });

  it('knows when the next check-out ends', () => {
    const book = new LeaseBook();
    book.replace([lease(1, 300), lease(2, 200), lease(3, 50)]);
    expect(book.nextEnd(100)).toBe(200);
    expect(book.nextEnd(300)).toBeUndefined();
  });
});
