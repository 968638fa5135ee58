/**
 * Mirrors the app's navigation history into the page's own history, so a web
 * page behaves like one: each app push is a browser entry with the place in
 * the URL fragment, the browser's Back and Forward (and a fragment typed into
 * the address bar) move the app, and the app's Back and Forward move the
 * browser along. Entries carry a session id and the app's index; an entry
 * from before a reload (another session) is reached by its fragment instead.
 * Under Electron (app:// URLs) the same calls are harmless.
 */
import { hashToPlace, placeToHash } from './place-hash.js';
import type { NavigationHistory } from './history.js';

/** The part of `window.history` and `location` used; a fake in tests. */
export interface BrowserHistoryApi {
  readonly state: unknown;
  readonly hash: string;
  pushState(state: unknown, url: string): void;
  replaceState(state: unknown, url: string): void;
  go(delta: number): void;
}

interface EntryState {
  readonly trellis: string;
  readonly index: number;
}

function entryState(state: unknown): EntryState | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const { trellis, index } = state as Partial<EntryState>;
  return typeof trellis === 'string' && typeof index === 'number' ? { trellis, index } : undefined;
}

let sessions = 0;
const newSession = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${++sessions}`;

export class BrowserHistorySync {
  private session = newSession();
  /** The app index the browser is being moved to by our own `go`, until its popstate arrives. */
  private target: number | undefined;
  /** True while the app follows the browser (a popstate): its changes are not mirrored back. */
  private following = false;

  constructor(private readonly app: NavigationHistory, private readonly browser: BrowserHistoryApi) {}

  /** Starts mirroring; the current entry (if any) becomes the browser's. */
  start(): () => void {
    if (this.app.current()) this.write('replace');
    return this.app.subscribe(this.onAppChange);
  }

  private write(mode: 'push' | 'replace'): void {
    const { entries, index } = this.app.get();
    const here = entries[index];
    if (!here) return;
    const state: EntryState = { trellis: this.session, index };
    if (mode === 'push') this.browser.pushState(state, placeToHash(here));
    else this.browser.replaceState(state, placeToHash(here));
  }

  private readonly onAppChange = (): void => {
    const { change, index } = this.app.get();
    if (change === 'reset') {
      // Another database: the old entries' places are gone, so they become foreign.
      this.session = newSession();
      this.target = undefined;
      this.write('replace');
    } else if (this.following) {
      if (change !== 'go') this.write('replace');
    } else if (change === 'push') this.write('push');
    else if (change === 'go') {
      const at = entryState(this.browser.state);
      if (this.target !== undefined) this.target = index;
      else if (at && at.trellis === this.session && at.index !== index) {
        this.target = index;
        this.browser.go(index - at.index);
      } else this.write('replace');
    } else this.write('replace');
  };

  /** The browser moved (Back, Forward, a typed fragment): move the app there, or the browser back if the app refuses. */
  popState(state: unknown): void {
    const at = entryState(state);
    if (at && at.trellis === this.session) {
      if (this.target !== undefined) {
        // Our own move: done, or (several quick app moves) not there yet.
        if (at.index === this.target) this.target = undefined;
        else this.browser.go(this.target - at.index);
        return;
      }
      const { index, entries } = this.app.get();
      if (at.index === index) return;
      if (at.index < entries.length) {
        if (!this.follow(() => this.app.go(at.index))) {
          // Kept where it was (an unsaved edit): put the browser back too.
          this.target = index;
          this.browser.go(index - at.index);
        }
        return;
      }
    }
    // An entry from before a reload, or a fragment typed into the address bar.
    const location = hashToPlace(this.browser.hash);
    if (!location) return;
    if (!this.follow(() => this.app.push(location))) this.write('replace');
  }

  private follow(move: () => boolean): boolean {
    this.following = true;
    try {
      return move();
    } finally {
      this.following = false;
    }
  }
}
