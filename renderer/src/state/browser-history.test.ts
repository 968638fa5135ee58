import { describe, expect, it } from 'vitest';
import { BrowserHistorySync, type BrowserHistoryApi } from './browser-history.js';
import { NavigationHistory } from './history.js';

/** A page history: entries of (state, url); `go` is asynchronous like a browser's and fires popstate. */
class FakeBrowser implements BrowserHistoryApi {
  entries: { state: unknown; url: string }[] = [{ state: null, url: '' }];
  index = 0;
  onPop: (state: unknown) => void = () => undefined;
  private queue: number[] = [];
  get state() {
    return this.entries[this.index]!.state;
  }
  get hash() {
    return this.entries[this.index]!.url;
  }
  pushState(state: unknown, url: string) {
    this.entries = [...this.entries.slice(0, this.index + 1), { state, url }];
    this.index++;
  }
  replaceState(state: unknown, url: string) {
    this.entries[this.index] = { state, url };
  }
  go(delta: number) {
    this.queue.push(delta);
  }
  /** Runs the queued moves (a browser does it in later tasks), firing popstate for each. */
  settle() {
    while (this.queue.length) {
      const delta = this.queue.shift()!;
      this.index = Math.max(0, Math.min(this.entries.length - 1, this.index + delta));
      this.onPop(this.state);
    }
  }
  urls() {
    return this.entries.map((e) => e.url);
  }
}

function setup(guard: () => boolean = () => true) {
  const app = new NavigationHistory(guard);
  const browser = new FakeBrowser();
  const sync = new BrowserHistorySync(app, browser);
  browser.onPop = (state) => sync.popState(state);
  sync.start();
  app.reset({ tree: 'tasks' });
  app.push({ tree: 'tasks', selected: 'tasks/1' });
  app.push({ tree: 'users', selected: 'users/2' });
  return { app, browser };
}

describe('BrowserHistorySync', () => {
  it('pushes a browser entry per app push, with the place in the fragment', () => {
    const { browser } = setup();
    expect(browser.urls()).toEqual(['#/tasks', '#/tasks/1', '#/users/2']);
    expect(browser.index).toBe(2);
  });

  it('moves the app on the browser Back and Forward', () => {
    const { app, browser } = setup();
    browser.go(-2);
    browser.settle();
    expect(app.get().index).toBe(0);
    browser.go(1);
    browser.settle();
    expect(app.current()).toEqual({ tree: 'tasks', selected: 'tasks/1' });
  });

  it('moves the browser along with the app, even for quick repeated moves', () => {
    const { app, browser } = setup();
    app.back();
    app.back();
    browser.settle();
    expect(browser.index).toBe(0);
    expect(app.get().index).toBe(0);
    app.forward();
    browser.settle();
    expect(browser.index).toBe(1);
    expect(app.get().index).toBe(1);
    app.update({ selected: 'tasks/5' });
    expect(browser.urls()).toEqual(['#/tasks', '#/tasks/5', '#/users/2']);
  });

  it('puts the browser back when the app refuses to leave (an unsaved edit)', () => {
    let allow = true;
    const { app, browser } = setup(() => allow);
    allow = false;
    browser.go(-1);
    browser.settle();
    expect(app.get().index).toBe(2);
    expect(browser.index).toBe(2);
  });

  it('follows an entry from before a reload by its fragment', () => {
    const { app, browser } = setup();
    browser.entries.splice(0, 0, { state: { trellis: 'old', index: 0 }, url: '#/users/9' });
    browser.index++;
    browser.go(-3);
    browser.settle();
    expect(app.current()).toEqual({ tree: 'users', selected: 'users/9' });
    expect(browser.entries.length).toBe(4);
  });
});
