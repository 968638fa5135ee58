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

describe('NavigationHistory leave guard', () => {
  it('asks before leaving the selected record, and stays when told no', () => {
    let allow = false;
    let asked = 0;
    const history = new NavigationHistory(() => {
      asked++;
      return allow;
    });
    history.reset({ tree: 'tasks', selected: 'tasks/1' });
    history.push({ tree: 'users' });
    expect(history.get().index).toBe(0);
    expect(history.update({ selected: 'tasks/2' })).toBe(false);
    expect(history.update({ selected: undefined })).toBe(false);
    expect(history.current()).toEqual({ tree: 'tasks', selected: 'tasks/1' });
    // Scrolling and pushing the same place do not ask.
    const before = asked;
    history.update({ scrollTop: 50 }, true);
    history.push({ tree: 'tasks', selected: 'tasks/1' });
    expect(asked).toBe(before);
    // A save or delete leaves without asking.
    expect(history.update({ selected: 'tasks/3' }, false, { force: true })).toBe(true);
    allow = true;
    history.push({ tree: 'users' });
    allow = false;
    expect(history.back()).toBe(false);
    expect(history.go(0)).toBe(false);
    expect(history.current()).toEqual({ tree: 'users' });
    allow = true;
    expect(history.back()).toBe(true);
    expect(history.current()).toEqual({ tree: 'tasks', selected: 'tasks/3', scrollTop: 50 });
  });
});
