/**
 * React view of the navigation history, plus the mouse back/forward buttons
 * and the page's own history (Back, reload). Every move away from the record
 * on screen asks first when it has an unsaved edit: the history's guard.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { BrowserHistorySync } from './browser-history.js';
import { NavigationHistory, type HistorySnapshot } from './history.js';
import { confirmDiscardUnsaved } from './unsaved-edits.js';

export function useNavigation(): { history: NavigationHistory; snapshot: HistorySnapshot } {
  const [history] = useState(() => new NavigationHistory(() => confirmDiscardUnsaved()));
  const snapshot = useSyncExternalStore(history.subscribe, history.get);
  useMouseNavigation(history);
  useBrowserHistory(history);
  return { history, snapshot };
}

function useBrowserHistory(history: NavigationHistory): void {
  useEffect(() => {
    const sync = new BrowserHistorySync(history, {
      get state() {
        return window.history.state as unknown;
      },
      get hash() {
        return window.location.hash;
      },
      pushState: (state, url) => window.history.pushState(state, '', url),
      replaceState: (state, url) => window.history.replaceState(state, '', url),
      go: (delta) => window.history.go(delta),
    });
    const stop = sync.start();
    const onPopState = (event: PopStateEvent) => sync.popState(event.state);
    window.addEventListener('popstate', onPopState);
    return () => {
      stop();
      window.removeEventListener('popstate', onPopState);
    };
  }, [history]);
}

/** Mouse buttons 3 and 4 (the thumb buttons) go back and forward, as in browsers and file managers. */
function useMouseNavigation(history: NavigationHistory): void {
  useEffect(() => {
    const onMouseUp = (event: MouseEvent) => {
      if (event.button === 3) history.back();
      else if (event.button === 4) history.forward();
      else return;
      event.preventDefault();
    };
    // Keep the browser from also acting on them (a web page's own history).
    const swallow = (event: MouseEvent) => {
      if (event.button === 3 || event.button === 4) event.preventDefault();
    };
    window.addEventListener('mouseup', onMouseUp);
    window.addEventListener('auxclick', swallow);
    window.addEventListener('mousedown', swallow);
    return () => {
      window.removeEventListener('mouseup', onMouseUp);
      window.removeEventListener('auxclick', swallow);
      window.removeEventListener('mousedown', swallow);
    };
  }, [history]);
}
