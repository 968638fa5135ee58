import { describe, expect, it } from 'vitest';
import { NavigationHistory } from './history.js';

describe('NavigationHistory', () => {
  it('goes back to a place as it was left, scroll and selection included', () => {
    const history = new NavigationHistory();
    history.push({ tree: 'users' });
    history.update({ selected: 'users/7', scrollTop: 480 });
    history.push({ tree: 'tasks', selected: 'tasks/3' });
    expect(history.canGoBack()).toBe(true);
    history.back();
    expect(history.current()).toEqual({ tree: 'users', selected: 'users/7', scrollTop: 480 });
    expect(history.canGoForward()).toBe(true);
    history.forward();
    expect(history.current()).toEqual({ tree: 'tasks', selected: 'tasks/3' });
  });

  it('drops forward entries on a new push, and does not duplicate the current place', () => {
    const history = new NavigationHistory();
    history.push({ tree: 'a' });
    history.push({ tree: 'b' });
    history.back();
    history.push({ tree: 'c' });
    history.push({ tree: 'c', scrollTop: 10 });
    expect(history.get().entries.map((e) => e.tree)).toEqual(['a', 'c']);
    expect(history.current()?.scrollTop).toBe(10);
    expect(history.canGoForward()).toBe(false);
  });

  it('removes a field updated to undefined, and quiet updates do not notify', () => {
    const history = new NavigationHistory();
    let calls = 0;
    history.subscribe(() => calls++);
    history.push({ tree: 'a', selected: 'a/1' });
    history.update({ selected: undefined });
    expect(history.current()).toEqual({ tree: 'a' });
    history.update({ scrollTop: 5 }, true);
    expect(calls).toBe(2);
    expect(history.current()?.scrollTop).toBe(5);
  });
});
